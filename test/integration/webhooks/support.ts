import crypto from 'node:crypto';
import type { World } from '../../support/world.js';

/** Helpers for delivering webhooks to the server by hand, as Meta would (or as an attacker would). */

export const sign = (raw: string | Buffer, secret: string): string => `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

export interface Delivery {
  status: number;
  body: unknown;
  text: string;
  ms: number;
}

/** POSTs exactly these bytes to `/webhooks/whatsapp` over real HTTP. */
export async function deliver(url: string, raw: string | Buffer, headers: Record<string, string> = {}): Promise<Delivery> {
  const started = performance.now();
  const res = await fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, text, ms };
}

/** A body signed with the channel's app secret. */
export function deliverSigned(w: World, payload: unknown, secret = w.channel.appSecret): Promise<Delivery> {
  const raw = JSON.stringify(payload);
  return deliver(w.url, raw, { 'x-hub-signature-256': sign(raw, secret) });
}

/** What the channel's webhooks have left in the database. */
export async function footprint(w: World) {
  const db = w.app.database.db;
  const count = async (table: 'webhook_events' | 'conversations' | 'calls' | 'contacts') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', w.tenant.tenantId).executeTakeFirstOrThrow()).n);
  const messages = Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', w.tenant.tenantId).executeTakeFirstOrThrow()).n);
  return { webhook_events: await count('webhook_events'), conversations: await count('conversations'), calls: await count('calls'), contacts: await count('contacts'), messages };
}

/** A Meta envelope for the world's channel. */
export function envelopeFor(w: World, field: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: w.channel.wabaId, changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: w.channel.displayNumber.slice(1), phone_number_id: w.channel.phoneNumberId }, ...value } }] }],
  };
}

let seq = 0;
/** A customer text message as Meta sends it. */
export function textFrom(w: World, from: string, text: string, id = `wamid.TEST${Date.now()}${++seq}`) {
  return envelopeFor(w, 'messages', {
    contacts: [{ profile: { name: 'Sari' }, wa_id: from.replace(/^\+/, '') }],
    messages: [{ from: from.replace(/^\+/, ''), id, timestamp: String(Math.floor(w.app.clock.now().getTime() / 1000)), type: 'text', text: { body: text } }],
  });
}
