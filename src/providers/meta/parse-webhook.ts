import type { ProviderEvent, RoutedEvent } from '../../app/ports/provider-event.js';
import { callEvent, callStatusEvent } from './parse-call-event.js';
import { messageEvent, messageStatusEvent } from './parse-message.js';
import {
  accountSettingsUpdateSchema, accountUpdateSchema, callEventSchema, callStatusSchema, changeSchema, changeValueSchema, entrySchema,
  envelopeSchema, inboundMessageSchema, messageStatusSchema,
} from './webhook-schema.js';
import { contactLookup, digits, expiryOf, hash } from './webhook-values.js';

export type ParseResult =
  | { ok: true; events: RoutedEvent[]; /** Items that could not be tied to any business account (logged). */ dropped: string[] }
  | { ok: false; reason: string };

const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/**
 * Turns one webhook envelope into provider events, entry by entry and change by change. An item
 * that does not match its documented shape becomes an `unhandled` event (stored, logged,
 * acknowledged) instead of failing its siblings or the batch.
 */
export function parseWebhook(body: unknown, receivedAt: Date): ParseResult {
  const env = envelopeSchema.safeParse(body);
  if (!env.success) return { ok: false, reason: 'not a WhatsApp webhook envelope' };
  if (env.data.object !== 'whatsapp_business_account') return { ok: false, reason: `unexpected object ${env.data.object}` };
  const out: RoutedEvent[] = [];
  const dropped: string[] = [];
  env.data.entry.forEach((rawEntry, entryIndex) => {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      dropped.push(`entry ${entryIndex} has no account id or changes`);
      return;
    }
    const wabaId = entry.data.id;
    // Payloads without an id of their own (settings, account updates) are told apart by Meta's
    // entry time when present, else by the second they arrived: a redelivery of the same body
    // within that second is a duplicate, the same values sent again later are a new event.
    const when = entry.data.time ?? seconds(receivedAt);
    for (const rawChange of entry.data.changes) {
      const change = changeSchema.safeParse(rawChange);
      const field = change.success ? change.data.field : 'unknown';
      const value = changeValueSchema.safeParse(change.success ? change.data.value : undefined);
      let phoneNumberId = value.success ? (value.data.metadata?.phone_number_id ?? null) : null;
      let displayNumber: string | null = null;
      const batch: ProviderEvent[] = [];
      const unhandled = (reason: string, item: unknown) =>
        batch.push({ kind: 'unhandled', key: `unhandled:${field}:${hash(item)}`, at: receivedAt, field, reason });
      if (!change.success || !value.success) {
        unhandled('change does not match the documented shape', rawChange);
      } else {
        const v = value.data;
        const contactName = contactLookup(v.contacts);
        switch (field) {
          case 'messages':
            for (const raw of v.messages ?? []) {
              const m = inboundMessageSchema.safeParse(raw);
              const e = m.success ? messageEvent(m.data, contactName) : { ok: false as const, reason: 'message does not match the documented shape' };
              if (e.ok) batch.push(e.event);
              else unhandled(e.reason, raw);
            }
            for (const raw of v.statuses ?? []) {
              const s = messageStatusSchema.safeParse(raw);
              if (s.success) batch.push(messageStatusEvent(s.data));
              else unhandled('message status does not match the documented shape', raw);
            }
            break;
          case 'calls':
            for (const raw of v.calls ?? []) {
              const c = callEventSchema.safeParse(raw);
              const e = c.success ? callEvent(c.data, v.errors ?? [], contactName) : { ok: false as const, reason: 'call does not match the documented shape' };
              if (e.ok) batch.push(e.event);
              else unhandled(e.reason, raw);
            }
            for (const raw of v.statuses ?? []) {
              const s = callStatusSchema.safeParse(raw);
              if (s.success) batch.push(callStatusEvent(s.data));
              else unhandled('call status does not match the documented shape', raw);
            }
            break;
          case 'account_settings_update': {
            const s = accountSettingsUpdateSchema.safeParse(v);
            const pnid = s.success ? (s.data.phone_number_settings?.phone_number_id ?? phoneNumberId) : null;
            const calling = s.success ? s.data.phone_number_settings?.calling : undefined;
            if (!pnid || !calling) unhandled('settings update without a phone number or calling settings', v);
            else {
              phoneNumberId = pnid;
              batch.push({ kind: 'settings.update', key: `settings:${pnid}:${when}:${hash(calling)}`, at: receivedAt, phoneNumberId: pnid, calling });
            }
            break;
          }
          case 'account_update': {
            const a = accountUpdateSchema.safeParse(v);
            if (!a.success) {
              unhandled('account update does not match the documented shape', v);
              break;
            }
            displayNumber = digits(a.data.phone_number);
            batch.push({
              kind: 'account.update', key: `account:${wabaId}:${displayNumber ?? ''}:${when}:${hash(v)}`, at: receivedAt, event: a.data.event,
              phoneNumber: displayNumber ? `+${displayNumber}` : null,
              violationType: a.data.violation_info?.violation_type ?? null,
              restrictions: (a.data.restriction_info ?? []).map((r) => ({ type: r.restriction_type, expiration: expiryOf(r.expiration) })),
            });
            break;
          }
          default:
            unhandled(`field ${field} is not handled`, v);
        }
      }
      for (const event of batch) out.push({ phoneNumberId, wabaId, ...(displayNumber ? { displayNumber } : {}), event });
    }
  });
  return { ok: true, events: out, dropped };
}
