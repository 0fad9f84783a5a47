import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../../../src/app/ports/provider-event.js';
import { parseWebhook } from '../../../../src/providers/meta/parse-webhook.js';
import { envelope, messagesValue, metadata, permissionReply, RECEIVED_AT, textMessage, USER, WACID } from './fixtures.js';

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
const message = (m: Record<string, unknown>) => envelope('messages', messagesValue([m]));
const reply = (r: Record<string, unknown>, over: Record<string, unknown> = {}) => one(message(permissionReply(r, over)), 'permission.reply');

describe('Meta messages webhooks → provider events', () => {
  it('a text message: sender in E.164, profile name, Meta\'s id as the key', () => {
    expect(one(message(textMessage()), 'message.received')).toEqual({
      kind: 'message.received', key: 'msg:wamid.HBgLMTMxNzU1NTEyMzQVAgASGBQzQTJBM0Y1QzQ2Q0ZCRUI4MjBBNgA=', at: new Date(1767168000 * 1000),
      from: `+${USER}`, fromUserId: null, contactName: 'Budi Santoso', providerMessageId: 'wamid.HBgLMTMxNzU1NTEyMzQVAgASGBQzQTJBM0Y1QzQ2Q0ZCRUI4MjBBNgA=',
      message: { type: 'text', text: 'Halo, saya mau tanya', media: null, contextId: null },
    });
  });

  it.each([
    ['image', { image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'the receipt' } }, { kind: 'image', id: 'media-1', mime: 'image/jpeg', caption: 'the receipt' }],
    ['audio', { audio: { id: 'media-2', mime_type: 'audio/ogg; codecs=opus', voice: true } }, { kind: 'audio', id: 'media-2', mime: 'audio/ogg; codecs=opus', caption: null }],
    ['video', { video: { id: 'media-3', mime_type: 'video/mp4' } }, { kind: 'video', id: 'media-3', mime: 'video/mp4', caption: null }],
    ['document', { document: { id: 'media-4', mime_type: 'application/pdf', filename: 'invoice.pdf', caption: 'invoice' } }, { kind: 'document', id: 'media-4', mime: 'application/pdf', caption: 'invoice' }],
    ['sticker', { sticker: { id: 'media-5', mime_type: 'image/webp', animated: false } }, { kind: 'sticker', id: 'media-5', mime: 'image/webp', caption: null }],
  ])('a %s message becomes a media placeholder (Meta\'s media id, not the bytes)', (type, body, media) => {
    const e = one(message(textMessage({ type, text: undefined, ...body })), 'message.received');
    expect(e.message).toEqual({ type, text: null, media, contextId: null });
  });

  it('a location, a quick-reply button and an interactive button reply are given a text', () => {
    expect(one(message(textMessage({ type: 'location', text: undefined, location: { latitude: -6.2, longitude: 106.8, name: 'Monas' } })), 'message.received').message.text).toBe('📍 Monas');
    expect(one(message(textMessage({ type: 'button', text: undefined, button: { text: 'Call me', payload: 'CALL' } })), 'message.received').message.text).toBe('Call me');
    const interactive = { type: 'interactive', text: undefined, interactive: { type: 'button_reply', button_reply: { id: 'b1', title: 'Yes' } } };
    expect(one(message(textMessage(interactive)), 'message.received').message).toMatchObject({ type: 'interactive', text: 'Yes' });
  });

  it('a reply keeps the id of the message it answers', () => {
    expect(one(message(textMessage({ context: { from: '15550783881', id: 'wamid.OURS' } })), 'message.received').message.contextId).toBe('wamid.OURS');
  });

  it('BSUID fields are carried next to the phone number', () => {
    const value = messagesValue([textMessage({ from_user_id: 'US.13491208655302741918' })], { contacts: [{ profile: { name: 'Rina', username: 'rina.k' }, wa_id: USER, user_id: 'US.13491208655302741918' }] });
    expect(one(envelope('messages', value), 'message.received')).toMatchObject({ from: `+${USER}`, fromUserId: 'US.13491208655302741918', contactName: 'Rina' });
  });

  it('a username-only sender (phone omitted) is kept as unhandled with the reason, not filed under a wrong number', () => {
    const { from: _, ...noPhone } = textMessage({ from_user_id: 'US.13491208655302741918' });
    expect(one(message(noPhone), 'unhandled')).toMatchObject({ field: 'messages', reason: expect.stringMatching(/username-only/) });
  });

  describe('call_permission_reply in the six documented scenarios (§1.7)', () => {
    it('temporary accept: not permanent, with an expiry, by the user', () => {
      expect(reply({ response: 'accept', is_permanent: false, expiration_timestamp: '1768550400', response_source: 'user_action' })).toEqual({
        kind: 'permission.reply', key: 'msg:wamid.CPR-REPLY-1', at: new Date(1767168000 * 1000), from: `+${USER}`, fromUserId: null, contactName: 'Budi Santoso',
        providerMessageId: 'wamid.CPR-REPLY-1', contextId: 'wamid.CPR-REQUEST-1', response: 'accept', permanent: false,
        expiresAt: new Date(1768550400 * 1000), source: 'user_action',
      });
    });

    it('expiration_timestamp as an integer means the same as the string', () => {
      const asNumber = reply({ response: 'accept', is_permanent: false, expiration_timestamp: 1768550400, response_source: 'user_action' });
      expect(asNumber.expiresAt).toEqual(new Date(1768550400 * 1000));
    });

    it('permanent accept: no expiry', () => {
      expect(reply({ response: 'accept', is_permanent: true, response_source: 'user_action' })).toMatchObject({ response: 'accept', permanent: true, expiresAt: null });
    });

    it('permanent accept from the business profile: no context', () => {
      const { context: _, ...noContext } = permissionReply({ response: 'accept', is_permanent: true, response_source: 'user_action' });
      expect(one(message(noContext), 'permission.reply')).toMatchObject({ response: 'accept', permanent: true, contextId: null });
    });

    it('reject: no is_permanent, no expiry', () => {
      expect(reply({ response: 'reject', response_source: 'user_action' })).toMatchObject({ response: 'reject', permanent: false, expiresAt: null, source: 'user_action' });
    });

    it('automatic callback grant when the user called: source automatic, context is the wacid', () => {
      const e = reply({ response: 'accept', is_permanent: false, expiration_timestamp: '1768550400', response_source: 'automatic' }, { context: { from: USER, id: WACID } });
      expect(e).toMatchObject({ response: 'accept', source: 'automatic', contextId: WACID, permanent: false });
    });

    it('automatic revoke after 4 unanswered business calls: reject, automatic, no context', () => {
      const { context: _, ...noContext } = permissionReply({ response: 'reject', response_source: 'automatic' });
      expect(one(message(noContext), 'permission.reply')).toMatchObject({ response: 'reject', source: 'automatic', contextId: null });
    });

    it('a missing response_source counts as the user\'s action', () => {
      expect(reply({ response: 'accept', is_permanent: true }).source).toBe('user_action');
    });

    it('an unknown response value is not guessed: unhandled', () => {
      expect(one(message(permissionReply({ response: 'maybe' })), 'unhandled').reason).toMatch(/documented shape/);
    });
  });

  it.each(['sent', 'delivered', 'read'])('message status %s', (status) => {
    const value = { messaging_product: 'whatsapp', metadata, statuses: [{ id: 'wamid.OUT-1', status, timestamp: '1767168001', recipient_id: USER, conversation: { id: 'c1', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'PMP', category: 'service' } }] };
    expect(one(envelope('messages', value), 'message.status')).toEqual({
      kind: 'message.status', key: `status:wamid.OUT-1:${status}`, at: new Date(1767168001 * 1000), providerMessageId: 'wamid.OUT-1', status,
      recipient: `+${USER}`, errorCode: null,
    });
  });

  it('a failed message status keeps Meta\'s error code', () => {
    const value = { metadata, statuses: [{ id: 'wamid.OUT-2', status: 'failed', timestamp: '1767168001', recipient_id: USER, errors: [{ code: 131026, title: 'Message undeliverable' }] }] };
    expect(one(envelope('messages', value), 'message.status')).toMatchObject({ status: 'failed', errorCode: 131026 });
  });
});
