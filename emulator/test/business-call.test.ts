import { afterEach, describe, expect, it } from 'vitest';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { callEvent, callStatusOf, isCallEvent, isCallStatus, value, type Received } from './support/receiver.js';

let h: Harness | undefined;
let biz: BusinessPeer | undefined;
afterEach(async () => {
  await biz?.close();
  await h?.close();
  h = undefined;
  biz = undefined;
});

async function connect(offer: string, extra: Record<string, unknown> = {}) {
  return h!.graph('POST', `${h!.pnid}/calls`, { messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp: offer }, ...extra });
}

async function withPermission() {
  await h!.emu.control.grantPermission({ from: USER, to: h!.pnid, permanent: true });
}

const summaries = (list: Received[], callId: string) =>
  list
    .filter((r) => callEvent(r)?.id === callId || callStatusOf(r)?.id === callId)
    .map((r) => callEvent(r)?.event ?? `status:${callStatusOf(r)!.status}`);

describe('business-initiated call', () => {
  it('rings, is answered with a Meta-shaped werift answer, connects media both ways, then ACCEPTED', async () => {
    h = await startHarness();
    await withPermission();
    biz = createBusinessPeer();
    const offer = await biz.offer();
    const res = await connect(offer, { biz_opaque_callback_data: 'order-42' });
    expect(res.status).toBe(200);
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    expect(callId).toMatch(/^wacid\./);
    expect(res.body.messaging_product).toBe('whatsapp');
    const ringing = await h.receiver.waitFor(isCallStatus('RINGING', callId), 'RINGING');
    expect(callStatusOf(ringing)).toMatchObject({ recipient_id: USER, type: 'call', biz_opaque_callback_data: 'order-42' });

    await h.emu.control.answer(callId);
    const connectHook = await h.receiver.waitFor(isCallEvent('connect', callId), 'connect');
    const ev = callEvent(connectHook) as unknown as Record<string, unknown> & { session: { sdp_type: string; sdp: string } };
    expect(ev).toMatchObject({ direction: 'BUSINESS_INITIATED', from: '622150000001', to: USER, biz_opaque_callback_data: 'order-42' });
    expect(ev.session.sdp_type).toBe('answer');
    expect(ev.session.sdp).toContain('a=setup:active');
    expect(ev.session.sdp).toContain('a=ice-lite');
    await biz.applyAnswer(ev.session.sdp);
    await biz.connected();
    await h.receiver.waitFor(isCallStatus('ACCEPTED', callId), 'ACCEPTED');
    biz.startTone(1000);
    await expect.poll(async () => (await h!.emu.control.getAudio(callId)).received?.opus_packets ?? 0, { timeout: 10_000 }).toBeGreaterThan(40);
    await expect.poll(() => biz!.recorder.stats().opus_packets, { timeout: 10_000 }).toBeGreaterThan(40);
    const heardByCustomer = (await h.emu.control.getAudio(callId)).dominant_frequency_hz!;
    expect(Math.abs(heardByCustomer - 1000)).toBeLessThan(10);
    expect(Math.abs(biz.recorder.dominantFrequencyHz()! - 440)).toBeLessThan(10);

    await h.emu.clock.advance(12_000);
    const term = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: callId, action: 'terminate' });
    expect(term.body).toEqual({ messaging_product: 'whatsapp', success: true });
    await h.emu.flush();
    const terminate = callEvent(await h.receiver.waitFor(isCallEvent('terminate', callId))) as unknown as Record<string, unknown>;
    expect(terminate).toMatchObject({ status: 'COMPLETED', direction: 'BUSINESS_INITIATED', duration: 12 });
    expect(summaries(h.receiver.received, callId)).toEqual(['status:RINGING', 'connect', 'status:ACCEPTED', 'terminate']);
    const perms = await h.graph('GET', `${h.pnid}/call_permissions?user_wa_id=${USER}`);
    const startCall = (perms.body.actions as { action_name: string; limits: { current_usage: number }[] }[]).find((a) => a.action_name === 'start_call')!;
    expect(startCall.limits[0]!.current_usage).toBe(1);
  });

  it('declined: REJECTED then terminate FAILED without start_time', async () => {
    h = await startHarness();
    await withPermission();
    biz = createBusinessPeer();
    const res = await connect(await biz.offer());
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    await h.emu.control.decline(callId);
    await h.emu.flush();
    expect(summaries(h.receiver.received, callId)).toEqual(['status:RINGING', 'status:REJECTED', 'terminate']);
    const terminate = callEvent(await h.receiver.waitFor(isCallEvent('terminate', callId))) as unknown as Record<string, unknown>;
    expect(terminate.status).toBe('FAILED');
    expect(terminate).not.toHaveProperty('start_time');
    expect(terminate).not.toHaveProperty('duration');
  });

  it('unanswered: the phone rings for bicRingTimeoutMs, then terminate FAILED', async () => {
    h = await startHarness({ bicRingTimeoutMs: 30_000 });
    await withPermission();
    biz = createBusinessPeer();
    const res = await connect(await biz.offer());
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    await h.emu.clock.advance(29_999);
    expect((await h.emu.control.getCall(callId)).state).toBe('ringing');
    await h.emu.clock.advance(1);
    const call = await h.emu.control.getCall(callId);
    expect(call).toMatchObject({ state: 'ended', end_status: 'FAILED', end_reason: 'unanswered' });
    const terminate = callEvent(await h.receiver.waitFor(isCallEvent('terminate', callId))) as unknown as Record<string, unknown>;
    expect(terminate.status).toBe('FAILED');
    expect(terminate).not.toHaveProperty('start_time');
  });

  it('auto policy answers after N ms of emulator time', async () => {
    h = await startHarness();
    await withPermission();
    await h.emu.control.setPolicy(USER, { mode: 'answer', after_ms: 3_000 });
    biz = createBusinessPeer();
    const res = await connect(await biz.offer());
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    await h.emu.clock.advance(2_999);
    expect((await h.emu.control.getCall(callId)).state).toBe('ringing');
    await h.emu.clock.advance(1);
    const connectHook = await h.receiver.waitFor(isCallEvent('connect', callId));
    await biz.applyAnswer((callEvent(connectHook) as unknown as { session: { sdp: string } }).session.sdp);
    await h.receiver.waitFor(isCallStatus('ACCEPTED', callId), 'ACCEPTED');
    expect(value(connectHook).contacts).toEqual([{ profile: { name: 'Customer 7890' }, wa_id: USER }]);
  });

  it('a business that never applies the answer: terminate FAILED 138007 after the connect timeout', async () => {
    h = await startHarness({ bicConnectTimeoutMs: 20_000 });
    await withPermission();
    biz = createBusinessPeer();
    const res = await connect(await biz.offer());
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    await h.emu.control.answer(callId);
    await h.emu.clock.advance(20_000);
    const terminate = await h.receiver.waitFor(isCallEvent('terminate', callId));
    expect((value(terminate).errors as { code: number }[])[0]!.code).toBe(138007);
  });

  it('the customer hanging up a ringing business call declines it', async () => {
    h = await startHarness();
    await withPermission();
    biz = createBusinessPeer();
    const res = await connect(await biz.offer());
    const callId = ((res.body.calls as { id: string }[])[0]!).id;
    await h.emu.control.hangup(callId);
    await h.emu.flush();
    expect(summaries(h.receiver.received, callId)).toEqual(['status:RINGING', 'status:REJECTED', 'terminate']);
    expect((await h.emu.control.listPermissions({ user: USER }))[0]!.consecutive_missed_calls).toBe(1);
  });
});
