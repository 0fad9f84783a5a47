import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { createWorld, type World } from '../../support/world.js';
import { deliver, deliverSigned, envelopeFor, footprint, sign, textFrom } from './support.js';

const CUSTOMER = '+6281311112222';

describe('webhook signature and verification handshake (real HTTP)', () => {
  let w: World;
  let verifyToken: string;
  beforeAll(async () => {
    w = await createWorld({ agents: 1, ringGroup: null });
    verifyToken = (await w.app.database.db.selectFrom('channels').select('verify_token').where('id', '=', w.channel.id).executeTakeFirstOrThrow()).verify_token!;
  });
  afterAll(async () => w?.stop());

  const nothingStored = async () => {
    await w.app.services.providerEvents.idle();
    expect(await footprint(w)).toEqual({ webhook_events: 0, conversations: 0, calls: 0, contacts: 0, messages: 0 });
  };
  const callConnect = () => envelopeFor(w, 'calls', {
    contacts: [{ profile: { name: 'Sari' }, wa_id: CUSTOMER.slice(1) }],
    calls: [{ id: 'wacid.SIGNATURE-TEST', from: CUSTOMER.slice(1), to: w.channel.displayNumber.slice(1), event: 'connect', timestamp: '1772420400', direction: 'USER_INITIATED', session: { sdp_type: 'offer', sdp: 'v=0\r\n' } }],
  });

  describe('refused with 401 and nothing stored (no webhook event, conversation, contact or call)', () => {
    const raw = () => JSON.stringify(textFrom(w, CUSTOMER, 'hello'));
    it.each([
      ['signed with another secret', () => deliver(w.url, raw(), { 'x-hub-signature-256': sign(raw(), 'not-the-app-secret') })],
      ['no signature header', () => deliver(w.url, raw())],
      ['a malformed header (no sha256= prefix)', () => { const r = raw(); return deliver(w.url, r, { 'x-hub-signature-256': sign(r, w.channel.appSecret).slice(7) }); }],
      ['a malformed header (sha1)', () => deliver(w.url, raw(), { 'x-hub-signature-256': 'sha1=0123456789abcdef0123456789abcdef01234567' })],
      ['a tampered body', () => { const r = raw(); return deliver(w.url, r.replace('hello', 'HELLO'), { 'x-hub-signature-256': sign(r, w.channel.appSecret) }); }],
      ['an empty body', () => deliver(w.url, '', { 'x-hub-signature-256': sign('', w.channel.appSecret) })],
      ['a body that is not JSON', () => deliver(w.url, 'object=whatsapp', { 'x-hub-signature-256': sign('object=whatsapp', w.channel.appSecret), 'content-type': 'application/x-www-form-urlencoded' })],
      ['an unknown phone_number_id (signed with the channel\'s secret)', () => {
        const body = textFrom(w, CUSTOMER, 'hello');
        (body.entry[0]!.changes[0]!.value.metadata as { phone_number_id: string }).phone_number_id = '999999999999999';
        return deliverSigned(w, body);
      }],
      ['a call connect signed with another secret', () => deliverSigned(w, callConnect(), 'not-the-app-secret')],
    ])('%s', async (_name, send) => {
      const res = await send();
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      await nothingStored();
    });
  });

  it('the same delivery correctly signed is accepted and stored (the refusals above are about the signature)', async () => {
    const res = await deliverSigned(w, textFrom(w, CUSTOMER, 'hello'));
    expect(res.status).toBe(200);
    await w.app.services.providerEvents.idle();
    expect(await footprint(w)).toMatchObject({ webhook_events: 1, conversations: 1, messages: 1, contacts: 1 });
  });

  describe('GET verification handshake', () => {
    const get = (q: Record<string, string>) => fetch(`${w.url}/webhooks/whatsapp?${new URLSearchParams(q)}`);

    it('the right verify token → 200 with the raw challenge as text', async () => {
      const res = await get({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': verifyToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('1158201444');
      const odd = await get({ 'hub.mode': 'subscribe', 'hub.challenge': 'a b&c="d"', 'hub.verify_token': verifyToken });
      expect(await odd.text()).toBe('a b&c="d"');
    });

    it('Meta\'s own handshake (played by the emulator) verifies', async () => {
      expect(await w.emu.control.verifyWebhook(w.channel.phoneNumberId, { verify_token: verifyToken })).toMatchObject({ verified: true, status: 200 });
      expect(await w.emu.control.verifyWebhook(w.channel.phoneNumberId, { verify_token: 'wrong' })).toMatchObject({ verified: false, status: 403 });
    });

    it.each([
      ['a wrong token', { 'hub.mode': 'subscribe', 'hub.challenge': '42', 'hub.verify_token': 'not-it' }],
      ['a wrong mode', { 'hub.mode': 'unsubscribe', 'hub.challenge': '42', 'hub.verify_token': 'x' }],
      ['no mode', { 'hub.challenge': '42', 'hub.verify_token': 'x' }],
      ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'x' }],
    ])('%s → 403 without the challenge', async (_name, q) => {
      const query = { ...q } as Record<string, string>;
      if (query['hub.verify_token'] === 'x') query['hub.verify_token'] = verifyToken;
      const res = await get(query);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('42');
    });
  });

  it('a secret rotated through the API takes effect at once, though channels are kept between deliveries', async () => {
    const text = () => textFrom(w, CUSTOMER, 'after rotation');
    expect((await deliverSigned(w, text())).status).toBe(200); // looked up (and kept) with the old secret
    const patched = await as(w.app, w.tenant.admin).patch(`/api/channels/${w.channel.id}`, { app_secret: 'rotated-secret-123' });
    expect(patched.status).toBe(200);
    expect((await deliverSigned(w, text())).status).toBe(401);
    expect((await deliverSigned(w, text(), 'rotated-secret-123')).status).toBe(200);
  });
});
