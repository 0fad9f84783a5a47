import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioRecorder } from '../media/audio-recorder.js';
import { encodedLoop } from '../media/audio-source.js';
import { dtmfPayload } from '../media/dtmf.js';
import { dominantFrequency, toneLevel } from '../media/goertzel.js';
import { opusPacketSamples, readOggOpusPackets } from '../media/ogg.js';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { writeOggOpus } from './support/ogg-writer.js';
import { callEvent, isCallEvent } from './support/receiver.js';

const sine = (freq: number, n: number, amp = 0.5) => Int16Array.from({ length: n }, (_, i) => Math.round(Math.sin((2 * Math.PI * freq * i) / 48_000) * amp * 32767));

describe('audio analysis', () => {
  it('Goertzel measures tone level and finds the dominant frequency', () => {
    const pcm = sine(1000, 24_000);
    expect(toneLevel(pcm, 48_000, 1000)).toBeCloseTo(0.5, 1);
    expect(toneLevel(pcm, 48_000, 440)).toBeLessThan(0.01);
    expect(dominantFrequency(pcm, 48_000)).toBe(1000);
    expect(dominantFrequency(new Int16Array(24_000), 48_000)).toBeNull();
  });

  it('the recorder decodes Opus, keeps recent PCM, and notes SSRC, sequence and timestamp jumps and DTMF', () => {
    const rec = createAudioRecorder({ now: () => 0, keepSeconds: 2 });
    const loop = encodedLoop({ kind: 'tone', frequencyHz: 700 });
    let seq = 100;
    let ts = 5000;
    const push = (ssrc: number, payloadType = 111, payload = loop.packets[seq % 50]!.payload, timestamp = ts) =>
      rec.onRtp({ header: { payloadType, sequenceNumber: seq++ & 0xffff, timestamp, ssrc, marker: false }, payload });
    for (let i = 0; i < 60; i++, ts += 960) push(1);
    seq += 3; // three packets lost
    for (let i = 0; i < 10; i++, ts += 960) push(1);
    ts += 48_000 * 5; // a timestamp jump of 5 s
    for (let i = 0; i < 10; i++, ts += 960) push(1);
    for (let i = 0; i < 10; i++, ts += 960) push(2); // a new SSRC
    push(2, 126, dtmfPayload('5', false, 160), 999);
    push(2, 126, dtmfPayload('5', true, 800), 999);
    push(2, 126, dtmfPayload('5', true, 800), 999);
    const s = rec.stats();
    expect(s).toMatchObject({ opus_packets: 90, dtmf_packets: 3, ssrcs: [1, 2], ssrc_changes: 1, sequence_gaps: 1, timestamp_jumps: 1, dtmf_digits: '5', decode_errors: 0 });
    expect(s.buffered_ms).toBe(1800);
    expect(rec.dominantFrequencyHz()).toBeGreaterThan(690);
    expect(rec.dominantFrequencyHz()).toBeLessThan(710);
    rec.close();
  });

  it('reads Opus packets from an Ogg file', () => {
    const packets = encodedLoop({ kind: 'tone', frequencyHz: 300 }).packets.map((p) => p.payload);
    const parsed = readOggOpusPackets(writeOggOpus(packets));
    expect(parsed).toHaveLength(packets.length);
    expect(parsed.map((p) => p.toString('hex'))).toEqual(packets.map((p) => p.toString('hex')));
    expect(opusPacketSamples(parsed[0]!)).toBe(960);
  });
});

describe('customer audio from an Ogg/Opus file', () => {
  let h: Harness | undefined;
  let biz: BusinessPeer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await biz?.close();
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plays the file into the call', async () => {
    dir = mkdtempSync(join(tmpdir(), 'emu-ogg-'));
    const path = join(dir, 'prompt.ogg');
    writeFileSync(path, writeOggOpus(encodedLoop({ kind: 'tone', frequencyHz: 800 }).packets.map((p) => p.payload)));
    h = await startHarness();
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid, audio: { kind: 'file', path } });
    const connect = callEvent(await h.receiver.waitFor(isCallEvent('connect', placed.id))) as unknown as { session: { sdp: string } };
    biz = createBusinessPeer();
    const answer = await biz.answer(connect.session.sdp);
    await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'accept', session: { sdp_type: 'answer', sdp: answer } });
    await expect.poll(() => biz!.recorder.stats().opus_packets, { timeout: 10_000 }).toBeGreaterThan(30);
    expect(Math.abs(biz.recorder.dominantFrequencyHz()! - 800)).toBeLessThan(10);
  });
});
