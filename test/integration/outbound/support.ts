import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { nextCustomer, settled } from '../../support/calls.js';
import { createWorld, type World, type WorldOptions } from '../../support/world.js';

/** The TestClock's default start: the emulator starts there too, so permission expiries agree on both sides. */
export const START = new Date('2026-03-02T03:00:00.000Z');
/** Per-minute rates used by these tests (IDR minor units): Indonesia, and every other country. */
export const RATE_ID = 1_000;
export const RATE_OTHER = 3_000;

/**
 * A world for business-initiated calls: the emulator on the server's start time, a media worker, a rate
 * table and a funded voice balance.
 */
export async function createOutboundWorld(opts: WorldOptions & { balance?: number } = {}): Promise<World> {
  const w = await createWorld({ mediaWorkers: 1, ...opts, emulator: { startTime: START, ...opts.emulator } });
  const admin = as(w.app, w.tenant.admin);
  const rates = await admin.put('/api/billing/rates', { rates: [{ country: 'ID', rate_per_minute_minor: RATE_ID }, { country: '*', rate_per_minute_minor: RATE_OTHER }] });
  if (rates.status !== 200) throw new Error(`rates: ${JSON.stringify(rates.body)}`);
  if ((opts.balance ?? 500_000) > 0) {
    const top = await admin.post('/api/billing/top-ups', { amount_minor: opts.balance ?? 500_000 });
    if (top.status !== 201) throw new Error(`top-up: ${JSON.stringify(top.body)}`);
  }
  return w;
}

export interface Customer {
  phone: string;
  contactId: string;
  conversationId: string;
}

/** A new customer who wrote to the channel: a contact and an open room with the 24 h window open. */
export async function customerWithRoom(w: World, phone = nextCustomer()): Promise<Customer> {
  await w.emu.control.sendMessage({ from: phone, to: w.channel.phoneNumberId, text: 'Halo, tolong telepon saya' });
  const row = await eventually(
    () => w.app.database.db
      .selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id')
      .select(['c.id', 'k.id as contact_id']).where('k.phone_e164', '=', phone).where('c.channel_id', '=', w.channel.id)
      .executeTakeFirst(),
    'conversation',
  );
  await settled(w);
  return { phone, contactId: row.contact_id, conversationId: row.id };
}

export const invite = (w: World, user: { token: string }, conversationId: string, caption?: string) =>
  as(w.app, user).post(`/api/conversations/${conversationId}/call-permission-requests`, caption ? { caption } : {});

export const permissionView = (w: World, user: { token: string }, conversationId: string) =>
  as(w.app, user).get(`/api/conversations/${conversationId}/call-permission`);

export const placeCall = (w: World, user: { token: string }, conversationId: string) =>
  as(w.app, user).post(`/api/conversations/${conversationId}/calls`, {});

/** The customer allows calls (answering the open request, or from the business profile when there is none). */
export async function grant(w: World, c: Customer, opts: { permanent?: boolean; via?: 'auto' | 'request' | 'profile' } = {}): Promise<void> {
  await w.emu.control.grantPermission({ from: c.phone, to: w.channel.phoneNumberId, permanent: opts.permanent ?? false, ...(opts.via ? { via: opts.via } : {}) });
  await settled(w);
}

/** A customer with a room who accepted an invite (temporary permission unless `permanent`). */
export async function callableCustomer(w: World, agent: { token: string }, opts: { permanent?: boolean } = {}): Promise<Customer> {
  const c = await customerWithRoom(w);
  const sent = await invite(w, agent, c.conversationId);
  if (sent.status !== 201) throw new Error(`invite: ${JSON.stringify(sent.body)}`);
  await grant(w, c, { permanent: opts.permanent ?? false, via: 'request' });
  return c;
}

export async function storedPermission(w: World, c: Customer) {
  const row = await w.app.database.db.selectFrom('call_permissions').select('state').where('channel_id', '=', w.channel.id).where('contact_id', '=', c.contactId).executeTakeFirst();
  return row?.state as Record<string, unknown> & { status: string; consecutiveUnanswered: number; requests: { id: string; status: string; endReason: string | null }[] } | undefined;
}

/** The emulator's call for a business call we placed. */
export async function emulatorCall(w: World, callId: string) {
  const row = await eventually(
    () => w.app.database.db.selectFrom('calls').select('provider_call_id').where('id', '=', callId).where('provider_call_id', 'is not', null).executeTakeFirst(),
    'provider call id',
  );
  return row.provider_call_id!;
}

export async function balanceOf(w: World): Promise<number> {
  const r = await as(w.app, w.tenant.admin).get('/api/billing/balance');
  return r.body.balance_minor as number;
}

/** Re-registers the world's number at the emulator: its defaults, with some fields changed (display number, call limit, calling settings). */
export async function emulatorNumber(w: World, patch: { display_phone_number?: string; connected_call_limit?: number; calling?: Record<string, unknown> } = {}) {
  const ch = await w.app.database.db.selectFrom('channels').select(['access_token', 'verify_token']).where('id', '=', w.channel.id).executeTakeFirstOrThrow();
  await w.emu.control.putPhoneNumber(w.channel.phoneNumberId, {
    display_phone_number: w.channel.displayNumber, waba_id: w.channel.wabaId, access_token: ch.access_token!, app_secret: w.channel.appSecret,
    webhook_url: `${w.url}/webhooks/whatsapp`, calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' }, ...patch,
  } as never);
}

/** Writes a permission state as if it had been recorded earlier (facts the checks read from the database). */
export async function seedPermission(w: World, c: Customer, state: Record<string, unknown>): Promise<void> {
  const now = w.app.clock.now();
  const full = {
    status: 'none', decidedAt: null, expiresAt: null, source: null, requests: [], countersResetAt: null, consecutiveUnanswered: 0,
    connectedBusinessCallsAt: [], ...state,
  };
  await w.app.database.db
    .insertInto('call_permissions')
    .values({ tenant_id: w.tenant.tenantId, channel_id: w.channel.id, contact_id: c.contactId, state: JSON.stringify(full), updated_at: now })
    .onConflict((oc) => oc.columns(['channel_id', 'contact_id']).doUpdateSet({ state: JSON.stringify(full), updated_at: now }))
    .execute();
}

/** What a refused call must leave untouched: no call row, the agent free, no call at WhatsApp. */
export async function sideEffects(w: World, c: Customer, agent: { id: string }) {
  const calls = await w.app.database.db.selectFrom('calls').select('id').where('contact_id', '=', c.contactId).execute();
  const presence = await w.app.database.db.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', agent.id).executeTakeFirstOrThrow();
  const emu = await w.emu.control.listCalls({ user: c.phone });
  return { calls: calls.length, agentCall: presence.current_call_id, emulatorCalls: emu.length };
}
