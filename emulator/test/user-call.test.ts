import { afterEach, describe, expect, it } from 'vitest';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { callEvent, isCallEvent, value } from './support/receiver.js';

let h: Harness | undefined;
let biz: BusinessPeer | undefined;
afterEach(async () => {
  await biz?.close();
  await h?.close();
  h = undefined;
  biz = undefined;
});

describe('user-initiated call', () => {
  it('connects a real WebRTC call: each side hears the other\'s tone', async () => {
    h = await startHarness();
    const placed = await h.emu.control.placeCall({ from: `+${USER}`, to: h.pnid, tone: 440 });
    const connect = await h.receiver.waitFor(isCallEvent('connect', placed.id), 'connect');
    const ev = callEvent(connect) as unknown as { direction: string; from: string; to: string; session: { sdp_type: string; sdp: string } };
    expect(ev.direction).toBe('USER_INITIATED');
    expect(ev.from).toBe(USER);
    expect(ev.to).toBe('622150000001');
    expect(ev.session.sdp_type).toBe('offer');
    const sdp = ev.session.sdp;
    expect(sdp).toContain('\r\n');
    expect(sdp.replace(/\r\n/g, '')).not.toContain('\n');
    expect(sdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111 126\r$/m);
    expect(sdp).toContain('a=rtpmap:111 opus/48000/2');
    expect(sdp).toContain('a=rtpmap:126 telephone-event/8000');
    expect(sdp).toContain('a=setup:actpass');
    expect(sdp).toContain('a=rtcp-mux');
    expect(sdp).toContain('a=ice-lite');
    expect(sdp).toMatch(/a=fingerprint:sha-256 [0-9A-F:]+/);
    expect(sdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host/);
    expect(sdp).not.toMatch(/a=candidate:\S+ 1 udp \d+ (?!127\.0\.0\.1)/);
    expect((value(connect).contacts as unknown[])[0]).toEqual({ profile: { name: 'Customer 7890' }, wa_id: USER });

    biz = createBusinessPeer();
    const answer = await biz.answer(sdp);
    expect(answer).toContain('a=setup:active');
    const pre = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'pre_accept', session: { sdp_type: 'answer', sdp: answer } });
    expect(pre).toEqual({ status: 200, body: { messaging_product: 'whatsapp', success: true } });
    await biz.connected();
    const acc = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'accept', session: { sdp_type: 'answer', sdp: answer } });
    expect(acc.status).toBe(200);
    biz.startTone(1000);

    await expect.poll(async () => (await h!.emu.control.getAudio(placed.id)).received?.opus_packets ?? 0, { timeout: 10_000 }).toBeGreaterThan(40);
    await expect.poll(() => biz!.recorder.stats().opus_packets, { timeout: 10_000 }).toBeGreaterThan(40);
    const audio = await h.emu.control.getAudio(placed.id, { tones: [1000, 440] });
    expect(audio.dominant_frequency_hz).toBeGreaterThan(990);
    expect(audio.dominant_frequency_hz).toBeLessThan(1010);
    expect(audio.tone_levels['1000']).toBeGreaterThan(10 * audio.tone_levels['440']!);
    const heard = biz.recorder.dominantFrequencyHz();
    expect(heard).toBeGreaterThan(430);
    expect(heard).toBeLessThan(450);
    expect((await h.emu.control.getCall(placed.id)).violations).toEqual([]);

    await h.emu.clock.advance(65_000);
    await h.emu.control.hangup(placed.id);
    await h.emu.flush();
    const term = callEvent(await h.receiver.waitFor(isCallEvent('terminate', placed.id), 'terminate')) as unknown as Record<string, unknown>;
    expect(term.status).toBe('COMPLETED');
    expect(term.duration).toBe(65);
    expect(Number(term.end_time) - Number(term.start_time)).toBe(65);
  });

  async function placeAndAnswer(opts: { direction?: 'sendrecv' | 'recvonly'; preAccept?: boolean } = {}) {
    const placed = await h!.emu.control.placeCall({ from: USER, to: h!.pnid });
    const connect = await h!.receiver.waitFor(isCallEvent('connect', placed.id));
    biz = createBusinessPeer();
    const answer = await biz.answer((callEvent(connect) as unknown as { session: { sdp: string } }).session.sdp, opts);
    const act = (action: string, sdp = answer) =>
      h!.graph('POST', `${h!.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action, session: { sdp_type: 'answer', sdp } });
    return { id: placed.id, answer, act };
  }
  const terminateOf = async (id: string) => {
    await h!.emu.flush();
    const r = await h!.receiver.waitFor(isCallEvent('terminate', id), 'terminate');
    return { call: callEvent(r) as unknown as Record<string, unknown>, errors: value(r).errors as { code: number; error_data: { details: string } }[] | undefined };
  };

  it('nobody accepts within acceptWindowMs: terminate FAILED without start_time', async () => {
    h = await startHarness({ acceptWindowMs: 30_000 });
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    await h.emu.clock.advance(29_999);
    expect((await h.emu.control.getCall(placed.id)).state).toBe('ringing');
    await h.emu.clock.advance(1);
    const { call, errors } = await terminateOf(placed.id);
    expect(call.status).toBe('FAILED');
    expect(call).not.toHaveProperty('start_time');
    expect(errors).toBeUndefined();
    const late = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'reject' });
    expect(late.status).toBe(400);
  });

  it('records early media: business RTP after pre_accept but before accept', async () => {
    h = await startHarness();
    const { id, act } = await placeAndAnswer();
    expect((await act('pre_accept')).status).toBe(200);
    await biz!.connected();
    biz!.startTone(1000);
    await expect.poll(async () => (await h!.emu.control.getCall(id)).violations.length, { timeout: 10_000 }).toBe(1);
    const [violation] = (await h.emu.control.getCall(id)).violations;
    expect(violation).toMatchObject({ type: 'early_media' });
    expect(violation!.packets).toBeGreaterThan(0);
    expect((await act('accept')).status).toBe(200);
  });

  it('a recvonly answer can never send: terminate FAILED 138021 after 20 s', async () => {
    h = await startHarness();
    const { id, answer, act } = await placeAndAnswer({ direction: 'recvonly' });
    expect(answer).toContain('a=recvonly');
    expect((await act('accept')).status).toBe(200);
    await h.emu.clock.advance(19_999);
    expect((await h.emu.control.getCall(id)).state).toBe('accepted');
    await h.emu.clock.advance(1);
    const { call, errors } = await terminateOf(id);
    expect(call.status).toBe('FAILED');
    expect(call.duration).toBe(20);
    expect(errors?.[0]?.code).toBe(138021);
  });

  it('business media that stops mid-call: terminate FAILED 138021 after 30 s of silence', async () => {
    h = await startHarness({ liveMediaGraceMs: 0 });
    const { id, act } = await placeAndAnswer();
    expect((await act('accept')).status).toBe(200);
    await biz!.connected();
    biz!.startTone(1000);
    await expect.poll(async () => (await h!.emu.control.getAudio(id)).received?.opus_packets ?? 0, { timeout: 10_000 }).toBeGreaterThan(5);
    await h.emu.clock.advance(20_000);
    expect((await h.emu.control.getCall(id)).state).toBe('accepted');
    const before = (await h.emu.control.getAudio(id)).received!.opus_packets;
    await expect.poll(async () => (await h!.emu.control.getAudio(id)).received!.opus_packets, { timeout: 10_000 }).toBeGreaterThan(before);
    biz!.stopTone();
    await h.emu.clock.advance(30_000); // packets arrived since the last check: still alive
    expect((await h.emu.control.getCall(id)).state).toBe('accepted');
    await h.emu.clock.advance(30_000);
    const { errors } = await terminateOf(id);
    expect(errors?.[0]?.code).toBe(138021);
  });

  it('accept with an SDP different from pre_accept is refused; reject after accept is refused', async () => {
    h = await startHarness();
    const { act, answer } = await placeAndAnswer();
    expect((await act('pre_accept')).status).toBe(200);
    const changed = answer.replace(/a=ice-pwd:(\S+)/, 'a=ice-pwd:$1x');
    const mismatch = await act('accept', changed);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect((mismatch.body.error as { error_data: { details: string } }).error_data.details).toMatch(/does not match/);
    expect((await act('accept')).status).toBe(200);
    expect((await act('accept')).status).toBe(400);
    const reject = await act('reject');
    expect(reject.status).toBe(400);
    expect((reject.body.error as { message: string }).message).toMatch(/already accepted/);
  });

  it('business reject → terminate FAILED; business terminate after accept → COMPLETED', async () => {
    h = await startHarness();
    const first = await placeAndAnswer();
    expect((await first.act('reject')).body).toEqual({ messaging_product: 'whatsapp', success: true });
    expect((await terminateOf(first.id)).call.status).toBe('FAILED');
    await biz!.close();
    const second = await placeAndAnswer();
    await second.act('accept');
    await h.emu.clock.advance(5_000);
    await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: second.id, action: 'terminate' });
    const { call } = await terminateOf(second.id);
    expect(call).toMatchObject({ status: 'COMPLETED', duration: 5 });
  });

  it('user hangs up before accept → terminate FAILED without times', async () => {
    h = await startHarness();
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    await h.emu.control.hangup(placed.id);
    const { call } = await terminateOf(placed.id);
    expect(call.status).toBe('FAILED');
    expect(call).not.toHaveProperty('start_time');
    expect(call).not.toHaveProperty('end_time');
  });

  it('DTMF: RFC 4733 digits (PT 126) both ways', async () => {
    h = await startHarness();
    const { id, act } = await placeAndAnswer();
    await act('accept');
    await biz!.connected();
    await h.emu.control.sendDtmf(id, '12#');
    await expect.poll(() => biz!.recorder.stats().dtmf_digits, { timeout: 10_000 }).toBe('12#');
    expect((await h.emu.control.getCall(id)).media!.sent.dtmf_digits_sent).toBe('12#');
    biz!.sendDtmf('7');
    await expect.poll(async () => (await h!.emu.control.getCall(id)).media!.received.dtmf_digits, { timeout: 10_000 }).toBe('7');
  });

  it('a user call to a number with callback permission ENABLED grants a temporary permission automatically', async () => {
    h = await startHarness({ calling: { status: 'ENABLED', callback_permission_status: 'ENABLED' } });
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    await h.emu.flush();
    const reply = h.receiver.received.find((r) => (value(r).messages as { interactive?: { type: string } }[] | undefined)?.[0]?.interactive?.type === 'call_permission_reply');
    expect(reply).toBeDefined();
    const msg = (value(reply!).messages as Record<string, unknown>[])[0]!;
    expect(msg.context).toEqual({ from: USER, id: placed.id });
    expect((msg.interactive as { call_permission_reply: Record<string, unknown> }).call_permission_reply).toEqual({
      response: 'accept',
      is_permanent: false,
      expiration_timestamp: String(Math.floor(h.emu.clock.now().getTime() / 1000) + 7 * 86_400),
      response_source: 'automatic',
    });
  });
});
