import nodeDataChannel from 'node-datachannel';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioRecorder } from '../media/audio-recorder.js';
import { encodedLoop } from '../media/audio-source.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { callEvent, isCallEvent } from './support/receiver.js';

/** The product's media stack (libdatachannel through node-datachannel) against the emulator's ICE-lite customer. */
let h: Harness | undefined;
let pc: nodeDataChannel.PeerConnection | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
afterEach(async () => {
  if (timer) clearInterval(timer);
  pc?.close();
  await h?.close();
  h = undefined;
  pc = undefined;
});

function rtp(seq: number, ts: number, ssrc: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 111;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(ts >>> 0, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, payload]);
}

describe('interop with node-datachannel as the business', () => {
  it('answers a user call and exchanges audio with the ICE-lite customer', async () => {
    h = await startHarness();
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid, tone: 440 });
    const offer = (callEvent(await h.receiver.waitFor(isCallEvent('connect', placed.id))) as unknown as { session: { sdp: string } }).session.sdp;

    pc = new nodeDataChannel.PeerConnection('business', { iceServers: [], bindAddress: '127.0.0.1', enableIceUdpMux: false });
    const recorder = createAudioRecorder({ now: () => Date.now() });
    let track: nodeDataChannel.Track | undefined;
    const opened = new Promise<void>((resolve) => {
      pc!.onTrack((t) => {
        track = t;
        t.onOpen(() => resolve());
        t.onMessage((msg) => {
          const b = Buffer.from(msg);
          const pt = b[1]! & 0x7f;
          if (pt >= 72 && pt <= 79) return; // RTCP
          recorder.onRtp({ header: { payloadType: pt, sequenceNumber: b.readUInt16BE(2), timestamp: b.readUInt32BE(4), ssrc: b.readUInt32BE(8), marker: (b[1]! & 0x80) !== 0 }, payload: b.subarray(12 + (b[0]! & 0x0f) * 4) });
        });
      });
    });
    const gathered = new Promise<void>((resolve) => pc!.onGatheringStateChange((s) => s === 'complete' && resolve()));
    pc.setRemoteDescription(offer, 'offer');
    await gathered;
    const answer = pc.localDescription()!.sdp;
    expect(answer).toMatch(/a=setup:(active|passive)/);
    const res = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'accept', session: { sdp_type: 'answer', sdp: answer } });
    expect(res.status).toBe(200);
    await opened;
    const loop = encodedLoop({ kind: 'tone', frequencyHz: 1000 });
    let seq = 0;
    let ts = 0;
    timer = setInterval(() => {
      track!.sendMessageBinary(rtp(seq, ts, 0x1234, loop.packets[seq % loop.packets.length]!.payload));
      seq++;
      ts += 960;
    }, 20);
    await expect.poll(async () => (await h!.emu.control.getAudio(placed.id)).received?.opus_packets ?? 0, { timeout: 10_000 }).toBeGreaterThan(30);
    await expect.poll(() => recorder.stats().opus_packets, { timeout: 10_000 }).toBeGreaterThan(30);
    expect(Math.abs((await h.emu.control.getAudio(placed.id)).dominant_frequency_hz! - 1000)).toBeLessThan(10);
    expect(Math.abs(recorder.dominantFrequencyHz()! - 440)).toBeLessThan(10);
    recorder.close();
  });
});
