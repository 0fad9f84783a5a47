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
});
