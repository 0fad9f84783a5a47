import { describe, expect, it } from 'vitest';
import type { ProviderEvent, RoutedEvent } from '../../../../src/app/ports/provider-event.js';
import { parseWebhook } from '../../../../src/providers/meta/parse-webhook.js';
import { BIZ, callsValue, contacts, envelope, messagesValue, metadata, PNID, RECEIVED_AT, terminate, textMessage, userConnect, WABA, WACID } from './fixtures.js';

function routed(body: unknown, receivedAt = RECEIVED_AT): RoutedEvent[] {
  const r = parseWebhook(body, receivedAt);
  if (!r.ok) throw new Error(r.reason);
  return r.events;
}
const kinds = (body: unknown) => routed(body).map((e) => e.event.kind);
const one = <K extends ProviderEvent['kind']>(body: unknown, kind: K): Extract<ProviderEvent, { kind: K }> => {
  const all = routed(body).map((e) => e.event);
  expect(all.map((e) => e.kind)).toEqual([kind]);
  return all[0] as Extract<ProviderEvent, { kind: K }>;
};

const settingsValue = (calling: Record<string, unknown>, type = 'phone_number_settings') => ({ type, phone_number_settings: { phone_number_id: PNID, calling } });

describe('webhook envelopes', () => {
  it('refuses what is not a WhatsApp Business Account envelope', () => {
    expect(parseWebhook(undefined, RECEIVED_AT)).toMatchObject({ ok: false });
    expect(parseWebhook({ hello: 'world' }, RECEIVED_AT)).toMatchObject({ ok: false });
    expect(parseWebhook({ object: 'page', entry: [] }, RECEIVED_AT)).toEqual({ ok: false, reason: 'unexpected object page' });
  });

  it('a batch of many entries × many changes is handled entry by entry, change by change, in order', () => {
    const OTHER_PNID = '106540352242999';
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { id: WABA, changes: [
          { field: 'messages', value: messagesValue([textMessage({ id: 'wamid.A' }), textMessage({ id: 'wamid.B' })]) },
          { field: 'calls', value: callsValue([userConnect()], { contacts }) },
        ] },
        { id: '102290129340111', changes: [
          { field: 'calls', value: { ...callsValue([terminate({ id: 'wacid.OTHER' })]), metadata: { display_phone_number: '15550000000', phone_number_id: OTHER_PNID } } },
          { field: 'messages', value: { metadata: { phone_number_id: OTHER_PNID }, statuses: [{ id: 'wamid.OUT', status: 'read', timestamp: '1767168001', recipient_id: '6281234567890' }] } },
        ] },
      ],
    };
    const out = routed(body);
    expect(out.map((e) => [e.wabaId, e.phoneNumberId, e.event.kind, e.event.key])).toEqual([
      [WABA, PNID, 'message.received', 'msg:wamid.A'],
      [WABA, PNID, 'message.received', 'msg:wamid.B'],
      [WABA, PNID, 'call.connect', `call:${WACID}:connect`],
      ['102290129340111', OTHER_PNID, 'call.terminate', 'call:wacid.OTHER:terminate'],
      ['102290129340111', OTHER_PNID, 'message.status', 'status:wamid.OUT:read'],
    ]);
  });

  it('a malformed item does not drop its siblings (messages, calls, changes, entries)', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ field: 'messages', value: messagesValue([textMessage()]) }] }, // no account id: cannot be routed
        { id: WABA, changes: [
          { field: 'messages', value: messagesValue([{ id: 'wamid.BROKEN', type: 'text' /* no timestamp */ }, textMessage({ id: 'wamid.GOOD' })]) },
          { field: 'calls', value: callsValue([{ event: 'connect' /* no id */ }, userConnect()]) },
          { field: 'calls', value: 'not an object' },
          'not a change at all',
          { field: 'calls', value: callsValue([terminate()]) },
        ] },
      ],
    };
    const r = parseWebhook(body, RECEIVED_AT);
    if (!r.ok) throw new Error(r.reason);
    expect(r.events.map((e) => e.event.kind)).toEqual(['unhandled', 'message.received', 'unhandled', 'call.connect', 'unhandled', 'unhandled', 'call.terminate']);
    expect(r.dropped).toEqual(['entry 0 has no account id or changes']);
    // Unhandled items of a change are still tied to the change's account (and number when known).
    expect(r.events[0]).toMatchObject({ wabaId: WABA, phoneNumberId: PNID });
    expect(r.events[4]).toMatchObject({ wabaId: WABA, phoneNumberId: null, event: { field: 'calls' } });
  });

  it('an event type we do not handle is reported as unhandled with its field', () => {
    const e = one(envelope('message_template_status_update', { event: 'APPROVED', message_template_id: 1, message_template_name: 'x' }), 'unhandled');
    expect(e).toMatchObject({ field: 'message_template_status_update', reason: 'field message_template_status_update is not handled', at: RECEIVED_AT });
  });

  it('event keys: the same delivery twice gives the same keys; different events differ', () => {
    const body = envelope('calls', callsValue([userConnect()]));
    const first = routed(body).map((e) => e.event.key);
    const again = routed(JSON.parse(JSON.stringify(body)), new Date(RECEIVED_AT.getTime() + 60_000)).map((e) => e.event.key);
    expect(again).toEqual(first);
    expect(routed(envelope('calls', callsValue([terminate()])))[0]!.event.key).not.toBe(first[0]);
    const unknownA = routed(envelope('brand_new_field', { a: 1 }))[0]!.event.key;
    expect(routed(envelope('brand_new_field', { a: 1 }))[0]!.event.key).toBe(unknownA);
    expect(routed(envelope('brand_new_field', { a: 2 }))[0]!.event.key).not.toBe(unknownA);
  });

  describe('account_settings_update (§1.8)', () => {
    it('carries the number\'s calling settings and is routed to that number', () => {
      const calling = { status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED', sip: { status: 'DISABLED' }, srtp_key_exchange_protocol: 'DTLS' };
      const [r] = routed(envelope('account_settings_update', settingsValue(calling)));
      expect(r).toMatchObject({ phoneNumberId: PNID, wabaId: WABA, event: { kind: 'settings.update', phoneNumberId: PNID, calling, at: RECEIVED_AT } });
      expect(one(envelope('account_settings_update', settingsValue(calling, 'PHONE_NUMBER_SETTINGS')), 'settings.update').calling).toEqual(calling);
    });

    it('the same settings sent again later are a new event; a redelivery within the second, or with the same entry time, is not', () => {
      const body = envelope('account_settings_update', settingsValue({ call_icon_visibility: 'DEFAULT' }));
      const key = (b: unknown, at: Date) => routed(b, at)[0]!.event.key;
      expect(key(body, new Date(RECEIVED_AT.getTime() + 400))).toBe(key(body, RECEIVED_AT));
      expect(key(body, new Date(RECEIVED_AT.getTime() + 60_000))).not.toBe(key(body, RECEIVED_AT));
      const timed = envelope('account_settings_update', settingsValue({ call_icon_visibility: 'DEFAULT' }), { time: 1767168000 });
      expect(key(timed, new Date(RECEIVED_AT.getTime() + 60_000))).toBe(key(timed, RECEIVED_AT));
    });

    it('without a phone number or calling object it is unhandled', () => {
      expect(one(envelope('account_settings_update', { type: 'phone_number_settings' }), 'unhandled').field).toBe('account_settings_update');
    });
  });

  describe('account_update (§1.8)', () => {
    it('a violation: its type, and routing by the business number (no phone_number_id in this payload)', () => {
      const [r] = routed(envelope('account_update', { phone_number: BIZ, event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE' } }));
      expect(r).toMatchObject({
        phoneNumberId: null, wabaId: WABA, displayNumber: BIZ,
        event: { kind: 'account.update', event: 'ACCOUNT_VIOLATION', phoneNumber: `+${BIZ}`, violationType: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE', restrictions: [] },
      });
    });

    it('a restriction with its expiry, whether seconds, a numeric string or an ISO date', () => {
      const e = one(envelope('account_update', {
        phone_number: BIZ, event: 'ACCOUNT_RESTRICTION',
        restriction_info: [
          { restriction_type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: 1767772800 },
          { restriction_type: 'RESTRICTED_USER_INITIATED_CALLING', expiration: '1767772800' },
          { restriction_type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', expiration: '2026-01-07T08:00:00Z' },
          { restriction_type: 'SOMETHING_NEW' },
        ],
      }), 'account.update');
      expect(e).toMatchObject({ event: 'ACCOUNT_RESTRICTION', violationType: null });
      expect(e.restrictions).toEqual([
        { type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: new Date(1767772800 * 1000) },
        { type: 'RESTRICTED_USER_INITIATED_CALLING', expiration: new Date(1767772800 * 1000) },
        { type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', expiration: new Date('2026-01-07T08:00:00Z') },
        { type: 'SOMETHING_NEW', expiration: null },
      ]);
    });

    it('an account update without an event is unhandled', () => {
      expect(kinds(envelope('account_update', { phone_number: BIZ }))).toEqual(['unhandled']);
    });
  });

  it('statuses on field messages are message receipts, on field calls call statuses', () => {
    const status = { id: 'x', status: 'RINGING', timestamp: '1', type: 'call', recipient_id: '1' };
    expect(kinds(envelope('calls', { metadata, statuses: [status] }))).toEqual(['call.status']);
    expect(kinds(envelope('messages', { metadata, statuses: [{ ...status, status: 'delivered', type: undefined }] }))).toEqual(['message.status']);
  });
});
