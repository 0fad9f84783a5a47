import { afterEach, describe, expect, it } from 'vitest';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { value } from './support/receiver.js';

let h: Harness | undefined;
let biz: BusinessPeer | undefined;
afterEach(async () => {
  await biz?.close();
  await h?.close();
  h = undefined;
  biz = undefined;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type GraphErr = { error: { code: number; error_data?: { details: string } } };
const code = (body: Record<string, unknown>) => (body as unknown as GraphErr).error?.code;

const cpr = () =>
  h!.graph('POST', `${h!.pnid}/messages`, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: USER,
    type: 'interactive',
    interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, body: { text: 'May we call you?' } },
  });
const cprTemplate = () =>
  h!.graph('POST', `${h!.pnid}/messages`, {
    messaging_product: 'whatsapp',
    to: USER,
    type: 'template',
    template: { name: 'call_permission_followup', language: { code: 'en_US' }, components: [{ type: 'call_permission_request' }] },
  });
const permissions = async () => (await h!.graph('GET', `${h!.pnid}/call_permissions?user_wa_id=${USER}`)).body;
const userWrites = () => h!.emu.control.sendMessage({ from: USER, to: h!.pnid, text: 'hi' });

let sdp: string | undefined;
async function connect() {
  if (!sdp) {
    biz = createBusinessPeer();
    sdp = await biz.offer();
  }
  return h!.graph('POST', `${h!.pnid}/calls`, { messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp } });
}
afterEach(() => {
  sdp = undefined;
});

describe('Meta rules on the emulator clock', () => {
  it('free-form messages need the 24 h customer-service window (131047); templates do not', async () => {
    h = await startHarness();
    const text = () => h!.graph('POST', `${h!.pnid}/messages`, { messaging_product: 'whatsapp', to: USER, type: 'text', text: { body: 'Hello' } });
    expect(code((await text()).body)).toBe(131047);
    await userWrites();
    expect((await text()).status).toBe(200);
    await h.emu.clock.advance(DAY - 1);
    expect((await text()).status).toBe(200);
    await h.emu.clock.advance(1);
    const late = await text();
    expect(late.status).toBe(400);
    expect(code(late.body)).toBe(131047);
    const template = await h.graph('POST', `${h.pnid}/messages`, { messaging_product: 'whatsapp', to: USER, type: 'template', template: { name: 'order_update', language: { code: 'en' } } });
    expect(template.status).toBe(200);
    expect((template.body.messages as { message_status: string }[])[0]!.message_status).toBe('accepted');
  });

  it('CPR limit: 1 per 24 h (boundary at exactly 24:00:00) and 2 per 7 days (138009)', async () => {
    h = await startHarness();
    await userWrites();
    expect((await cpr()).status).toBe(200);
    await h.emu.clock.advance(DAY - 1000); // 23:59:59 later
    await userWrites();
    const early = await cpr();
    expect(code(early.body)).toBe(138009);
    expect((early.body as unknown as GraphErr).error.error_data!.details).toContain(new Date(h.emu.clock.now().getTime() + 1000).toISOString());
    const view = await permissions();
    expect((view.actions as { action_name: string; can_perform_action: boolean; limits: Record<string, unknown>[] }[])[0]).toEqual({
      action_name: 'send_call_permission_request',
      can_perform_action: false,
      limits: [
        { time_period: 'PT24H', max_allowed: 1, current_usage: 1, limit_expiration_time: Math.floor((h.emu.clock.now().getTime() + 1000) / 1000) },
        { time_period: 'P7D', max_allowed: 2, current_usage: 1 },
      ],
    });
    await h.emu.clock.advance(1000); // exactly 24:00:00
    expect((await cprTemplate()).status).toBe(200);
    await h.emu.clock.advance(DAY);
    const weekly = await cprTemplate();
    expect(code(weekly.body)).toBe(138009);
    // The first request leaves the 7-day window 7 days after it was sent.
    await h.emu.clock.advance(5 * DAY - 1);
    expect(code((await cprTemplate()).body)).toBe(138009);
    await h.emu.clock.advance(1);
    expect((await cprTemplate()).status).toBe(200);
  });

  it('a connected call resets the request limits; permanent permission makes CPR fail with 138017', async () => {
    h = await startHarness();
    await userWrites();
    expect((await cpr()).status).toBe(200);
    expect(code((await cpr()).body)).toBe(138009);
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    const peer = createBusinessPeer();
    try {
      const hook = await h.receiver.waitFor((r) => (value(r).calls as { id: string; event: string }[] | undefined)?.[0]?.event === 'connect');
      const answer = await peer.answer((value(hook).calls as { session: { sdp: string } }[])[0]!.session.sdp);
      await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'accept', session: { sdp_type: 'answer', sdp: answer } });
      expect((await cpr()).status).toBe(200);
      await h.emu.control.hangup(placed.id);
    } finally {
      await peer.close();
    }
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    await h.emu.clock.advance(2 * DAY);
    await userWrites();
    expect(code((await cpr()).body)).toBe(138017);
    expect((await permissions()).permission).toEqual({ status: 'permanent' });
  });

  it('temporary permission lasts exactly 7 days from approval; the reply carries expiration_timestamp and context', async () => {
    h = await startHarness();
    await userWrites();
    const request = await cpr();
    const wamid = (request.body.messages as { id: string }[])[0]!.id;
    expect(code((await connect()).body)).toBe(138006);
    await h.emu.clock.advance(HOUR);
    const granted = await h.emu.control.grantPermission({ from: USER, to: h.pnid });
    expect(granted.context_id).toBe(wamid);
    await h.emu.flush();
    const reply = h.receiver.received.map((r) => (value(r).messages as Record<string, unknown>[] | undefined)?.[0]).find((m) => m?.type === 'interactive')!;
    const expiry = Math.floor(h.emu.clock.now().getTime() / 1000) + 7 * 86_400;
    expect(reply.context).toEqual({ from: USER, id: wamid });
    expect(reply.interactive).toEqual({
      type: 'call_permission_reply',
      call_permission_reply: { response: 'accept', is_permanent: false, expiration_timestamp: String(expiry), response_source: 'user_action' },
    });
    expect((await permissions()).permission).toEqual({ status: 'temporary', expiration_time: expiry });
    await h.emu.clock.advance(7 * DAY - 1);
    expect((await permissions()).permission).toEqual({ status: 'temporary', expiration_time: expiry });
    await h.emu.clock.advance(1);
    expect((await permissions()).permission).toEqual({ status: 'no_permission' });
    expect(code((await connect()).body)).toBe(138006);
  });

  it('connected business calls per 24 h are capped (138012 with the next allowed time)', async () => {
    h = await startHarness({ connectedCallLimit: 2 });
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    await h.emu.control.setPolicy(USER, { mode: 'answer', after_ms: 0 });
    const firstAt = h.emu.clock.now().getTime();
    for (let i = 0; i < 2; i++) {
      const peer = createBusinessPeer();
      try {
        const offer = await peer.offer();
        const res = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp: offer } });
        const callId = (res.body.calls as { id: string }[])[0]!.id;
        await h.emu.flush();
        const hook = await h.receiver.waitFor((r) => (value(r).calls as { id: string; event: string }[] | undefined)?.[0]?.id === callId);
        await peer.applyAnswer((value(hook).calls as { session: { sdp: string } }[])[0]!.session.sdp);
        await expect.poll(async () => (await h!.emu.control.getCall(callId)).state, { timeout: 10_000 }).toBe('accepted');
        await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: callId, action: 'terminate' });
      } finally {
        await peer.close();
      }
      await h.emu.clock.advance(HOUR);
    }
    const capped = await connect();
    expect(code(capped.body)).toBe(138012);
    expect((capped.body as unknown as GraphErr).error.error_data!.details).toContain(new Date(firstAt + DAY).toISOString());
    const start = (await permissions()).actions as { action_name: string; can_perform_action: boolean; limits: Record<string, unknown>[] }[];
    expect(start[1]).toEqual({
      action_name: 'start_call',
      can_perform_action: false,
      limits: [{ time_period: 'PT24H', max_allowed: 2, current_usage: 2, limit_expiration_time: Math.floor((firstAt + DAY) / 1000) }],
    });
    await h.emu.clock.set(firstAt + DAY);
    expect((await connect()).status).toBe(200);
  });

  it('business numbers of restricted countries cannot call or request permission (138013)', async () => {
    h = await startHarness({ displayPhoneNumber: '+1 415 555 0100' });
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    expect(code((await connect()).body)).toBe(138013);
    await userWrites();
    expect(code((await cpr()).body)).toBe(138013);
  });

  it('2 consecutive unanswered/rejected calls → reconsider notice; 4 → automatic revoke webhook', async () => {
    h = await startHarness({ bicRingTimeoutMs: 30_000 });
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    const miss = async (how: 'decline' | 'timeout') => {
      const res = await connect();
      const callId = (res.body.calls as { id: string }[])[0]!.id;
      if (how === 'decline') await h!.emu.control.decline(callId);
      else await h!.emu.clock.advance(30_000);
      await h!.emu.flush();
    };
    await miss('decline');
    expect(await h.emu.control.notices()).toEqual([]);
    await miss('timeout');
    expect((await h.emu.control.notices()).map((n) => n.kind)).toEqual(['reconsider_calls']);
    await miss('decline');
    await miss('timeout');
    expect((await h.emu.control.notices()).map((n) => n.kind)).toEqual(['reconsider_calls', 'permission_auto_revoked']);
    const reply = h.receiver.received.map((r) => (value(r).messages as Record<string, unknown>[] | undefined)?.[0]).filter((m) => m?.type === 'interactive').at(-1)!;
    expect(reply).not.toHaveProperty('context');
    expect(reply.interactive).toEqual({ type: 'call_permission_reply', call_permission_reply: { response: 'reject', response_source: 'automatic' } });
    expect((await permissions()).permission).toEqual({ status: 'no_permission' });
    expect(code((await connect()).body)).toBe(138006);
  });

  it('a permission granted from the business profile has no context', async () => {
    h = await startHarness();
    const r = await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    expect(r.context_id).toBeNull();
    await h.emu.flush();
    const reply = h.receiver.received.map((x) => (value(x).messages as Record<string, unknown>[] | undefined)?.[0]).find((m) => m?.type === 'interactive')!;
    expect(reply).not.toHaveProperty('context');
    expect((reply.interactive as { call_permission_reply: unknown }).call_permission_reply).toEqual({ response: 'accept', is_permanent: true, response_source: 'user_action' });
  });
});
