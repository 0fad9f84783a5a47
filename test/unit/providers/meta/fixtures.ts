/**
 * Webhook payloads written from Meta's documentation (shared/reference/meta-calling-api.md §1),
 * not from our parser: the shapes our adapter must accept.
 */
export const PNID = '106540352242922';
export const WABA = '102290129340398';
export const BIZ = '15550783881';
export const USER = '13175551234';
export const WACID = 'wacid.HBgLMTMxNzU1NTEyMzQVAgARGCAyODNBOEY3MUI2RjVGODFFQUVDNzBCRjdDQ0JFRDI4OAA=';
export const RECEIVED_AT = new Date('2026-03-02T03:00:00.000Z');

export const OFFER_SDP = [
  'v=0', 'o=- 7669997803033704573 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=ice-lite', 'a=group:BUNDLE 0',
  'm=audio 3480 UDP/TLS/RTP/SAVPF 111 126', 'c=IN IP4 157.240.19.130', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 157.240.19.130 3480 typ host generation 0',
  'a=ice-ufrag:Ktnc', 'a=ice-pwd:R5bNlWkYyWrkHbk7d4vQyP', 'a=fingerprint:sha-256 7A:51:2C:AB:0F:8F:8B:9A:3E:6E:92:4F:30:C3:8E:3A:3C:3E:C7:0C:A4:4E:26:6B:2A:1B:7B:45:18:0C:08:2E',
  'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:126 telephone-event/8000',
].join('\r\n') + '\r\n';

export const ANSWER_SDP = OFFER_SDP.replace('a=setup:actpass', 'a=setup:active');

export const metadata = { display_phone_number: BIZ, phone_number_id: PNID };

export function envelope(field: string, value: Record<string, unknown>, opts: { waba?: string; time?: number } = {}) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: opts.waba ?? WABA, ...(opts.time !== undefined ? { time: opts.time } : {}), changes: [{ field, value }] }],
  };
}

export const callsValue = (calls: unknown[], extra: Record<string, unknown> = {}) => ({ messaging_product: 'whatsapp', metadata, ...extra, calls });

/** §1.2: a user calls the business. */
export const userConnect = (over: Record<string, unknown> = {}) => ({
  id: WACID, from: USER, to: BIZ, event: 'connect', timestamp: '1671644824', direction: 'USER_INITIATED',
  deeplink_payload: 'promo-spring', cta_payload: 'cta-123', session: { sdp_type: 'offer', sdp: OFFER_SDP }, ...over,
});

/** §1.3: Meta's answer to the business's offer. */
export const businessConnect = (over: Record<string, unknown> = {}) => ({
  id: WACID, from: BIZ, to: USER, event: 'connect', timestamp: '1671644824', direction: 'BUSINESS_INITIATED',
  biz_opaque_callback_data: 'ticket-42', session: { sdp_type: 'answer', sdp: ANSWER_SDP }, ...over,
});

/** §1.5 */
export const terminate = (over: Record<string, unknown> = {}) => ({
  id: WACID, from: USER, to: BIZ, event: 'terminate', direction: 'USER_INITIATED', biz_opaque_callback_data: 'ticket-42',
  timestamp: '1671644944', status: 'COMPLETED', start_time: '1671644824', end_time: '1671644944', duration: 120,
  deeplink_payload: 'promo-spring', cta_payload: 'cta-123', ...over,
});

/** §1.4 */
export const callStatus = (status: string, over: Record<string, unknown> = {}) => ({
  id: WACID, timestamp: '1671644830', type: 'call', status, recipient_id: USER, biz_opaque_callback_data: 'ticket-42', ...over,
});

export const contacts = [{ profile: { name: 'Budi Santoso' }, wa_id: USER }];

export const messagesValue = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp', metadata, contacts, ...extra, messages,
});

export const textMessage = (over: Record<string, unknown> = {}) => ({
  from: USER, id: 'wamid.HBgLMTMxNzU1NTEyMzQVAgASGBQzQTJBM0Y1QzQ2Q0ZCRUI4MjBBNgA=', timestamp: '1767168000', type: 'text', text: { body: 'Halo, saya mau tanya' }, ...over,
});

/** §1.7: an interactive `call_permission_reply`. */
export const permissionReply = (reply: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  from: USER, id: 'wamid.CPR-REPLY-1', timestamp: '1767168000',
  context: { from: USER, id: 'wamid.CPR-REQUEST-1' },
  type: 'interactive', interactive: { type: 'call_permission_reply', call_permission_reply: reply }, ...over,
});
