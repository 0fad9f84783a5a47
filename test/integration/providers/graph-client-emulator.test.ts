import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessPeer, type BusinessPeer } from '../../../emulator/test/support/business-peer.js';
import { startHarness, type Harness } from '../../../emulator/test/support/harness.js';
import { callEvent, isCallEvent, isCallStatus } from '../../../emulator/test/support/receiver.js';
import type { ChannelCredentials } from '../../../src/app/ports/provider.js';
import { AppError, type ErrorCode } from '../../../src/domain/errors.js';
import { createGraphClient } from '../../../src/providers/meta/graph-client.js';

/**
 * Our Graph client against the emulator (which checks Meta's documented rules on its own): every
 * call action, messages, permissions and settings, and each Graph error mapped to our code with
 * Meta's own message kept in `details`.
 */
describe('Graph client ↔ emulator', () => {
  let h: Harness;
  let graph: ReturnType<typeof createGraphClient>;
  let ch: ChannelCredentials;
  const peers: BusinessPeer[] = [];
  let userSeq = 0;
  const newUser = () => `62812${String(40_000_000 + ++userSeq)}`;
  const peer = () => {
    const p = createBusinessPeer();
    peers.push(p);
    return p;
  };

  beforeAll(async () => {
    h = await startHarness();
    graph = createGraphClient({ baseUrl: h.emu.url, version: 'v23.0', timeoutMs: 10_000, log: pino({ level: 'silent' }), backoff: async () => {} });
    ch = { phoneNumberId: h.pnid, accessToken: 'demo-access-token' };
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()));
    await h?.close();
  });

  /** Runs `fn`, expecting our error code and Meta's code and message in details. */
  async function refused(fn: () => Promise<unknown>, code: ErrorCode, providerCode: number, messageStart: string) {
    const err = await fn().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect({ code: e.code, provider_code: e.details?.provider_code }).toEqual({ code, provider_code: providerCode });
    expect(String(e.details?.provider_message)).toMatch(new RegExp(`^${messageStart.replace(/[()#]/g, '\\$&')}`));
    expect(e.details).toMatchObject({ provider: 'meta', fbtrace_id: expect.any(String) });
    return e;
  }

  async function userCallOffer(user: string): Promise<{ id: string; offer: string }> {
    const placed = await h.emu.control.placeCall({ from: `+${user}`, to: h.pnid });
    const hook = await h.receiver.waitFor(isCallEvent('connect', placed.id), 'connect webhook');
    return { id: placed.id, offer: (callEvent(hook) as unknown as { session: { sdp: string } }).session.sdp };
  }

  describe('call actions', () => {
    it('connect (sdp_type offer) returns Meta\'s call id; the customer\'s phone rings; terminate ends it', async () => {
      const user = newUser();
      await h.emu.control.grantPermission({ from: `+${user}`, to: h.pnid, permanent: true });
      const offer = await peer().offer();
      const { providerCallId } = await graph.connect(ch, `+${user}`, offer, 'ticket-42');
      expect(providerCallId).toMatch(/^wacid\./);
      const ringing = await h.receiver.waitFor(isCallStatus('RINGING', providerCallId), 'RINGING');
      expect((ringing.body.entry[0]!.changes[0]!.value.statuses as { biz_opaque_callback_data?: string }[])[0]!.biz_opaque_callback_data).toBe('ticket-42');
      expect(await h.emu.control.getCall(providerCallId)).toMatchObject({ direction: 'BUSINESS_INITIATED', state: 'ringing' });
      await graph.terminate(ch, providerCallId);
      expect((await h.emu.control.getCall(providerCallId)).state).toBe('ended');
    });

    it('pre_accept and accept (sdp_type answer, the same SDP) connect a user\'s call', async () => {
      const { id, offer } = await userCallOffer(newUser());
      const answer = await peer().answer(offer);
      await graph.preAccept(ch, id, answer);
      expect(await h.emu.control.getCall(id)).toMatchObject({ state: 'pre_accepted', pre_accepted: true });
      await graph.accept(ch, id, answer, 'case-7');
      expect((await h.emu.control.getCall(id)).state).toBe('accepted');
      await graph.terminate(ch, id);
      await h.receiver.waitFor(isCallEvent('terminate', id), 'terminate webhook');
      expect(await h.emu.control.getCall(id)).toMatchObject({ state: 'ended', end_status: 'COMPLETED' });
    });

    it('reject ends a user\'s call before it is answered', async () => {
      const { id } = await userCallOffer(newUser());
      await graph.reject(ch, id);
      const end = await h.receiver.waitFor(isCallEvent('terminate', id), 'terminate webhook');
      expect((callEvent(end) as unknown as { status: string }).status).toBe('FAILED');
    });
  });

  describe('messages, permissions and settings', () => {
    it('text, interactive call_permission_request and template are sent and answered with Meta\'s message ids', async () => {
      const user = newUser();
      await h.emu.control.sendMessage({ from: `+${user}`, to: h.pnid, text: 'Halo' });
      const text = await graph.sendText(ch, `+${user}`, 'Selamat siang!');
      const cpr = await graph.sendPermissionRequest(ch, `+${user}`, 'We would like to call you about order ON-12853.');
      const tpl = await graph.sendTemplate(ch, `+${user}`, 'missed_call_followup', 'id', [{ type: 'body', parameters: [{ type: 'text', text: 'Sari' }] }]);
      for (const m of [text, cpr, tpl]) expect(m.providerMessageId).toMatch(/^wamid\./);
      const sent = await h.emu.control.listMessages({ user, direction: 'outbound' });
      expect(sent.map((m) => [m.id, m.type])).toEqual([
        [text.providerMessageId, 'text'], [cpr.providerMessageId, 'call_permission_request'], [tpl.providerMessageId, 'template'],
      ]);
    });

    it('call_permissions: status, expiry and the limits of both actions', async () => {
      const user = newUser();
      expect(await graph.getCallPermissions(ch, `+${user}`)).toMatchObject({ status: 'no_permission', expiresAt: null, canCall: false });
      await h.emu.control.sendMessage({ from: `+${user}`, to: h.pnid, text: 'Halo' });
      await graph.sendPermissionRequest(ch, `+${user}`);
      await h.emu.control.grantPermission({ from: `+${user}`, to: h.pnid, permanent: false });
      const now = h.emu.clock.now().getTime();
      const s = await graph.getCallPermissions(ch, `+${user}`);
      expect(s.status).toBe('temporary');
      expect(Math.abs(s.expiresAt!.getTime() - (now + 7 * 86_400_000))).toBeLessThan(1_000);
      expect(s.canCall).toBe(true);
      expect(s.canRequest).toBe(false);
      expect(s.requestLimits).toEqual([
        { period: 'PT24H', maxAllowed: 1, currentUsage: 1, limitExpiresAt: expect.any(Date) },
        { period: 'P7D', maxAllowed: 2, currentUsage: 1, limitExpiresAt: null },
      ]);
      expect(s.callLimits).toEqual([{ period: 'PT24H', maxAllowed: 100, currentUsage: 0, limitExpiresAt: null }]);
    });

    it('settings: POST replaces the calling object, GET reads it back', async () => {
      const before = await graph.getCallingSettings(ch);
      expect(before.status).toBe('ENABLED');
      const calling = { ...before, call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED' };
      await graph.updateCallingSettings(ch, calling);
      expect(await graph.getCallingSettings(ch)).toEqual(calling);
      await graph.updateCallingSettings(ch, before);
    });
  });

  describe('each Graph error mapped to our code, Meta\'s message kept', () => {
    it('100 invalid parameter (unknown call_id) → PROVIDER_ERROR with error_data.details', async () => {
      const e = await refused(() => graph.preAccept(ch, 'wacid.DOES-NOT-EXIST', 'v=0\r\n'), 'PROVIDER_ERROR', 100, '(#100)');
      expect(e.details?.provider_details).toEqual(expect.any(String));
    });

    it('190 invalid token → PROVIDER_AUTH_FAILED', async () => {
      await refused(() => graph.getCallingSettings({ ...ch, accessToken: 'wrong-token' }), 'PROVIDER_AUTH_FAILED', 190, 'Invalid OAuth access token');
    });

    it('131047 outside the customer-service window → OUTSIDE_SERVICE_WINDOW', async () => {
      await refused(() => graph.sendText(ch, `+${newUser()}`, 'hello?'), 'OUTSIDE_SERVICE_WINDOW', 131047, '(#131047)');
    });

    it('138000 calling not enabled → VOICE_CALLING_DISABLED', async () => {
      const before = await graph.getCallingSettings(ch);
      await graph.updateCallingSettings(ch, { ...before, status: 'DISABLED' });
      try {
        const user = newUser();
        await h.emu.control.grantPermission({ from: `+${user}`, to: h.pnid, permanent: true });
        await refused(async () => graph.connect(ch, `+${user}`, await peer().offer()), 'VOICE_CALLING_DISABLED', 138000, '(#138000)');
      } finally {
        await graph.updateCallingSettings(ch, before);
      }
    });

    it('138003 a call already ongoing with this user → DUPLICATE_CALL', async () => {
      const user = newUser();
      await h.emu.control.grantPermission({ from: `+${user}`, to: h.pnid, permanent: true });
      const first = await graph.connect(ch, `+${user}`, await peer().offer());
      await refused(async () => graph.connect(ch, `+${user}`, await peer().offer()), 'DUPLICATE_CALL', 138003, '(#138003)');
      await graph.terminate(ch, first.providerCallId);
    });

    it('138006 no approved permission → NO_CALL_PERMISSION', async () => {
      await refused(async () => graph.connect(ch, `+${newUser()}`, await peer().offer()), 'NO_CALL_PERMISSION', 138006, '(#138006)');
    });

    it('138009 permission request limit → PERMISSION_REQUEST_LIMIT with the next allowed time', async () => {
      const user = newUser();
      await h.emu.control.sendMessage({ from: `+${user}`, to: h.pnid, text: 'Halo' });
      await graph.sendPermissionRequest(ch, `+${user}`);
      const e = await refused(() => graph.sendPermissionRequest(ch, `+${user}`), 'PERMISSION_REQUEST_LIMIT', 138009, '(#138009)');
      expect(e.details?.next_allowed_at).toBe(new Date(h.emu.clock.now().getTime() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'));
    });

    it('138012 connected-call limit → CALL_LIMIT_REACHED with the next allowed time', async () => {
      const LIMITED = '100000000000077';
      await h.emu.control.putPhoneNumber(LIMITED, {
        display_phone_number: '+62 21 5000 0077', waba_id: '200000000000001', access_token: 'limited-token', app_secret: 'limited-secret',
        webhook_url: h.receiver.url, connected_call_limit: 1,
      });
      const lim = { phoneNumberId: LIMITED, accessToken: 'limited-token' };
      const user = newUser();
      await h.emu.control.grantPermission({ from: `+${user}`, to: LIMITED, permanent: true });
      const business = peer();
      const { providerCallId } = await graph.connect(lim, `+${user}`, await business.offer());
      await h.emu.control.answer(providerCallId);
      const answer = await h.receiver.waitFor(isCallEvent('connect', providerCallId), 'answer webhook');
      await business.applyAnswer((callEvent(answer) as unknown as { session: { sdp: string } }).session.sdp);
      await h.receiver.waitFor(isCallStatus('ACCEPTED', providerCallId), 'ACCEPTED once media is up', 20_000);
      await graph.terminate(lim, providerCallId);
      const e = await refused(async () => graph.connect(lim, `+${user}`, await peer().offer()), 'CALL_LIMIT_REACHED', 138012, '(#138012)');
      expect(Date.parse(String(e.details?.next_allowed_at))).toBeGreaterThan(h.emu.clock.now().getTime() + 86_000_000);
    });

    it('138013 business number in a country without business-initiated calling → COUNTRY_NOT_SUPPORTED', async () => {
      const US = '100000000000078';
      await h.emu.control.putPhoneNumber(US, { display_phone_number: '+1 202 555 0100', waba_id: '200000000000001', access_token: 'us-token', app_secret: 'us-secret', webhook_url: h.receiver.url });
      const user = newUser();
      await h.emu.control.grantPermission({ from: `+${user}`, to: US, permanent: true });
      await refused(async () => graph.connect({ phoneNumberId: US, accessToken: 'us-token' }, `+${user}`, await peer().offer()), 'COUNTRY_NOT_SUPPORTED', 138013, '(#138013)');
    });

    it('138017 permanent permission already granted → ALREADY_PERMANENT', async () => {
      const user = newUser();
      await h.emu.control.sendMessage({ from: `+${user}`, to: h.pnid, text: 'Halo' });
      await h.emu.control.grantPermission({ from: `+${user}`, to: h.pnid, permanent: true });
      await refused(() => graph.sendPermissionRequest(ch, `+${user}`), 'ALREADY_PERMANENT', 138017, '(#138017)');
    });
  });
});
