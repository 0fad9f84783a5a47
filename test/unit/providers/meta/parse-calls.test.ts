import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../../../src/app/ports/provider-event.js';
import { parseWebhook } from '../../../../src/providers/meta/parse-webhook.js';
import {
  ANSWER_SDP, BIZ, businessConnect, callStatus, callsValue, contacts, envelope, OFFER_SDP, PNID, RECEIVED_AT, terminate, USER, userConnect, WABA, WACID,
} from './fixtures.js';

function events(body: unknown): ProviderEvent[] {
  const r = parseWebhook(body, RECEIVED_AT);
  if (!r.ok) throw new Error(r.reason);
  return r.events.map((e) => e.event);
}
const one = <K extends ProviderEvent['kind']>(body: unknown, kind: K): Extract<ProviderEvent, { kind: K }> => {
  const all = events(body);
  expect(all.map((e) => e.kind)).toEqual([kind]);
  return all[0] as Extract<ProviderEvent, { kind: K }>;
};

describe('Meta calls webhooks → provider events (reference §1.2–§1.6)', () => {
  it('a user-initiated connect carries Meta\'s offer, the caller, the payloads and the contact name (§1.2)', () => {
    const e = one(envelope('calls', callsValue([userConnect()], { contacts })), 'call.connect');
    expect(e).toEqual({
      kind: 'call.connect', key: `call:${WACID}:connect`, at: new Date(1671644824 * 1000), providerCallId: WACID, direction: 'inbound',
      from: `+${USER}`, to: `+${BIZ}`, fromUserId: null, toUserId: null, contactName: 'Budi Santoso',
      sdpType: 'offer', sdp: OFFER_SDP, opaque: null, payload: 'promo-spring',
    });
    // The SDP is passed through byte for byte (CRLF line ends kept).
    expect(e.sdp.split('\r\n').length).toBeGreaterThan(10);
  });

  it('the call-button payload is used when there is no deep-link payload', () => {
    const { deeplink_payload: _, ...noDeeplink } = userConnect();
    expect(one(envelope('calls', callsValue([noDeeplink])), 'call.connect').payload).toBe('cta-123');
  });

  it('a user who adopted a username: BSUID present, phone omitted (§1.2, 2026)', () => {
    const { from: _, ...withoutPhone } = userConnect({ from_user_id: 'US.13491208655302741918', from_parent_user_id: 'US.PARENT.1' });
    const value = callsValue([withoutPhone], { contacts: [{ profile: { name: 'Rina', username: 'rina.k' }, user_id: 'US.13491208655302741918', parent_user_id: 'US.PARENT.1' }] });
    const e = one(envelope('calls', value), 'call.connect');
    expect(e).toMatchObject({ direction: 'inbound', from: null, fromUserId: 'US.13491208655302741918', to: `+${BIZ}`, contactName: 'Rina', sdpType: 'offer' });
  });

  it('a business-initiated connect carries Meta\'s answer and echoes the opaque data (§1.3)', () => {
    const e = one(envelope('calls', callsValue([businessConnect({ to_user_id: 'US.777' })])), 'call.connect');
    expect(e).toMatchObject({
      direction: 'outbound', from: `+${BIZ}`, to: `+${USER}`, toUserId: 'US.777', sdpType: 'answer', sdp: ANSWER_SDP, opaque: 'ticket-42', contactName: null,
    });
  });

  it('the legacy connection.webrtc.sdp alone is used as the answer of a business call', () => {
    const { session: _, ...legacy } = businessConnect({ connection: { webrtc: { sdp: ANSWER_SDP } } });
    expect(one(envelope('calls', callsValue([legacy])), 'call.connect')).toMatchObject({ sdpType: 'answer', sdp: ANSWER_SDP, direction: 'outbound' });
  });

  it('the 2024 sample\'s JSON-wrapped legacy SDP is unwrapped', () => {
    const wrapped = JSON.stringify({ sdp: ANSWER_SDP, type: 'answer' });
    const { session: _, ...legacy } = businessConnect({ connection: { webrtc: { sdp: wrapped } } });
    const e = one(envelope('calls', callsValue([legacy])), 'call.connect');
    expect(e.sdp).toBe(ANSWER_SDP);
    expect(e.sdpType).toBe('answer');
  });

  it('session wins over the legacy duplicate when both are present', () => {
    const e = one(envelope('calls', callsValue([businessConnect({ connection: { webrtc: { sdp: JSON.stringify({ sdp: 'v=0\r\nstale', type: 'answer' }) } } })])), 'call.connect');
    expect(e.sdp).toBe(ANSWER_SDP);
  });

  it('without a direction, the SDP type decides it (the short flow sample)', () => {
    const { direction: _d, ...noDirection } = userConnect();
    expect(one(envelope('calls', callsValue([noDirection])), 'call.connect').direction).toBe('inbound');
    const { direction: _e, ...bicNoDirection } = businessConnect();
    expect(one(envelope('calls', callsValue([bicNoDirection])), 'call.connect').direction).toBe('outbound');
  });

  it('a connect without any SDP is kept as unhandled, not applied', () => {
    const { session: _, ...noSdp } = userConnect();
    expect(one(envelope('calls', callsValue([noSdp])), 'unhandled')).toMatchObject({ field: 'calls', reason: 'call connect without an SDP' });
  });

  it.each(['RINGING', 'ACCEPTED', 'REJECTED'] as const)('call status %s arrives in statuses[] on field calls (§1.4)', (status) => {
    const value = { messaging_product: 'whatsapp', metadata: { phone_number_id: PNID }, statuses: [callStatus(status, { recipient_user_id: 'US.777' })] };
    expect(one(envelope('calls', value), 'call.status')).toEqual({
      kind: 'call.status', key: `callstatus:${WACID}:${status}`, at: new Date(1671644830 * 1000), providerCallId: WACID,
      status: status.toLowerCase(), rawStatus: status, recipient: `+${USER}`, recipientUserId: 'US.777', opaque: 'ticket-42',
    });
  });

  it('an unknown call status is reported as other, not dropped', () => {
    const value = { metadata: { phone_number_id: PNID }, statuses: [callStatus('COMPLETED_ELSEWHERE')] };
    expect(one(envelope('calls', value), 'call.status')).toMatchObject({ status: 'other', rawStatus: 'COMPLETED_ELSEWHERE' });
  });

  it('terminate COMPLETED carries start, end and duration (§1.5)', () => {
    expect(one(envelope('calls', callsValue([terminate()])), 'call.terminate')).toEqual({
      kind: 'call.terminate', key: `call:${WACID}:terminate`, at: new Date(1671644944 * 1000), providerCallId: WACID, direction: 'inbound',
      from: `+${USER}`, to: `+${BIZ}`, fromUserId: null, toUserId: null, opaque: 'ticket-42', payload: 'promo-spring', status: 'completed',
      startedAt: new Date(1671644824 * 1000), endedAt: new Date(1671644944 * 1000), durationS: 120, errors: [],
    });
  });

  it('terminate FAILED without pick-up has no times, and keeps the errors[] sibling', () => {
    const failed = terminate({ status: 'FAILED', start_time: undefined, end_time: undefined, duration: undefined });
    const value = callsValue([JSON.parse(JSON.stringify(failed))], {
      errors: [{ code: 138021, message: 'Media receive timeout', href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/', error_data: { details: 'No media received for 20 s' } }],
    });
    expect(one(envelope('calls', value), 'call.terminate')).toMatchObject({
      status: 'failed', startedAt: null, endedAt: null, durationS: null, errors: [{ code: 138021, message: 'Media receive timeout' }],
    });
  });

  it('the flow pages\' capitalised statuses and a business-initiated terminate', () => {
    expect(one(envelope('calls', callsValue([terminate({ status: 'Completed' })])), 'call.terminate').status).toBe('completed');
    const bic = one(envelope('calls', callsValue([terminate({ status: 'Failed', direction: 'BUSINESS_INITIATED', from: BIZ, to: USER })])), 'call.terminate');
    expect(bic).toMatchObject({ status: 'failed', direction: 'outbound', to: `+${USER}` });
    expect(one(envelope('calls', callsValue([terminate({ status: 'REJECTED' })])), 'call.terminate').status).toBe('rejected');
  });

  it('timestamps as integers and a numeric-string duration are accepted', () => {
    const e = one(envelope('calls', callsValue([terminate({ timestamp: 1671644944, start_time: 1671644824, end_time: '1671644944', duration: '120' })])), 'call.terminate');
    expect(e).toMatchObject({ at: new Date(1671644944 * 1000), startedAt: new Date(1671644824 * 1000), durationS: 120 });
  });

  it.each([
    ['call_created (SIP calls)', { id: WACID, from: USER, to: BIZ, event: 'call_created', timestamp: '1671644824', direction: 'USER_INITIATED' }],
    ['call_recording_available', { id: WACID, event: 'call_recording_available', timestamp: '1671645000', call_recording: { type: 'audio', audio: { id: '1', sha256: 'x', mime_type: 'audio/ogg; codecs=opus', url: 'https://x' } } }],
  ])('newer call events we do not handle become unhandled: %s (§1.6)', (_name, item) => {
    expect(one(envelope('calls', callsValue([item])), 'unhandled').reason).toMatch(/is not handled/);
  });

  it('unknown fields at every level are tolerated', () => {
    const body = envelope('calls', { ...callsValue([userConnect({ brand_new: { nested: true }, session: { sdp_type: 'offer', sdp: OFFER_SDP, ice_lite: 1 } })], { contacts }), shiny: 'yes' });
    (body as Record<string, unknown>).extra = 1;
    (body.entry[0] as Record<string, unknown>).time = 1671644824;
    expect(one(body, 'call.connect')).toMatchObject({ providerCallId: WACID, sdp: OFFER_SDP });
  });

  it('events are routed to the business number of their metadata and WABA', () => {
    const r = parseWebhook(envelope('calls', callsValue([userConnect()])), RECEIVED_AT);
    expect(r.ok && r.events[0]).toMatchObject({ phoneNumberId: PNID, wabaId: WABA });
  });
});
