import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaBridge, type MediaBridge } from '../../../src/media/bridge.js';
import { dominantFrequency, toneLevel } from '../../../src/media/testing/goertzel.js';
import { readRecording } from '../../../src/media/testing/read-recording.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';
import { createCallFixture } from './call-fixture.js';

const HEARD = 0.05;
const SILENT = 0.01;

describe('media bridge: supervisors, recording, DTMF', () => {
  let bridge: MediaBridge;
  let fx: ReturnType<typeof createCallFixture>;
  let dir: string;

  beforeAll(async () => {
    bridge = createMediaBridge({ workers: 1 });
    fx = createCallFixture(bridge);
    dir = await mkdtemp(join(tmpdir(), 'sb-media-'));
  });
  afterEach(() => fx.teardown());
  afterAll(async () => {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function connectedCall() {
    const { callId, meta } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'agent', 'agent', 1000);
    await bridge.connectAgent(callId, 'agent');
    await waitFor(() => meta.heard.level(1000) > HEARD && agent.heard[0]!.level(440) > HEARD, 'caller and agent to hear each other');
    return { callId, meta, agent };
  }

  it('listen: the supervisor hears both parties, nobody hears the supervisor', async () => {
    const { callId, meta, agent } = await connectedCall();
    const sup = await fx.agentLeg(callId, 'sup', 'listen', 1500);
    await waitFor(() => sup.heard[0]!.level(440) > HEARD, 'the supervisor to hear the caller (main)');
    await waitFor(() => sup.heard[1]!.level(1000) > HEARD, 'the supervisor to hear the agent (side)');
    meta.heard.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 25), 'packets at the caller', 3000);
    expect(meta.heard.level(1500)).toBeLessThan(SILENT);
    expect(meta.heard.level(1000)).toBeGreaterThan(HEARD);
    expect(agent.heard[1]!.packets.length).toBe(0);
  });

  it('whisper: only the agent hears the supervisor', async () => {
    const { callId, meta, agent } = await connectedCall();
    const sup = await fx.agentLeg(callId, 'sup', 'whisper', 1500);
    await waitFor(() => agent.heard[1]!.level(1500) > HEARD, 'the agent to hear the whisper (side)');
    await waitFor(() => sup.heard[0]!.level(440) > HEARD && sup.heard[1]!.level(1000) > HEARD, 'the supervisor to hear both');
    meta.heard.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 25), 'packets at the caller', 3000);
    expect(meta.heard.level(1500)).toBeLessThan(SILENT);
    expect(meta.heard.level(1000)).toBeGreaterThan(HEARD);
    expect(agent.heard[0]!.level(1500)).toBeLessThan(SILENT);
  });

  it('barge: caller and agent both hear the supervisor; the caller gets agent and supervisor mixed', async () => {
    const { callId, meta, agent } = await connectedCall();
    const sup = await fx.agentLeg(callId, 'sup', 'barge', 1500);
    await waitFor(() => agent.heard[1]!.level(1500) > HEARD, 'the agent to hear the supervisor');
    await waitFor(() => meta.heard.level(1500) > HEARD && meta.heard.level(1000) > HEARD, 'the caller to hear both agent and supervisor');
    await waitFor(() => sup.heard[0]!.level(440) > HEARD && sup.heard[1]!.level(1000) > HEARD, 'the supervisor to hear both');
    // Leaving the barge goes back to plain forwarding.
    await bridge.removeLeg(callId, 'sup');
    // Let the frames mixed before the removal drain, then listen.
    await waitFor(fx.packetsAfter(meta.heard, 10), 'packets after the removal', 3000);
    meta.heard.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 25), 'packets after the barge', 3000);
    expect(meta.heard.level(1500)).toBeLessThan(SILENT);
    expect(meta.heard.level(1000)).toBeGreaterThan(HEARD);
  });

  it('records the caller on the left and the agent on the right of one stereo Ogg Opus file', async () => {
    const { callId, meta } = await connectedCall();
    const file = join(dir, 'call.opus');
    const done = new Promise<{ file: string; kind: string; durationMs: number }>((resolve) => bridge.on('recordingDone', (e) => {
      if (e.callId === callId) resolve(e);
    }));
    await bridge.startRecording(callId, file);
    await waitFor(fx.packetsAfter(meta.heard, 75), '1.5 s of call', 4000);
    expect(await bridge.endCall(callId)).toEqual({ recordings: [file] });
    const ev = await done;
    expect(ev).toMatchObject({ file, kind: 'call' });
    expect(ev.durationMs).toBeGreaterThan(1000);
    const rec = await readRecording(file);
    expect(rec.channels).toBe(2);
    const tail = (pcm: Int16Array) => pcm.subarray(pcm.length - 48000);
    expect(dominantFrequency(tail(rec.left), 48000).hz).toBe(440);
    expect(dominantFrequency(tail(rec.right), 48000).hz).toBe(1000);
    expect(toneLevel(tail(rec.left), 48000, 1000)).toBeLessThan(SILENT);
  });

  it('voicemail records the caller only, for at most maxMs', async () => {
    const { callId, meta } = await fx.inboundCall();
    await waitFor(fx.packetsAfter(meta.heard, 5), 'media', 3000);
    const file = join(dir, 'voicemail.opus');
    const done = new Promise<{ kind: string; durationMs: number }>((resolve) => bridge.on('recordingDone', (e) => {
      if (e.callId === callId) resolve(e);
    }));
    await bridge.recordCaller(callId, file, 1000);
    const ev = await done;
    expect(ev.kind).toBe('voicemail');
    expect(ev.durationMs).toBeGreaterThan(800);
    expect(ev.durationMs).toBeLessThanOrEqual(1100);
    const rec = await readRecording(file);
    expect(rec.channels).toBe(1);
    expect(dominantFrequency(rec.left.subarray(9600), 48000).hz).toBe(440);
  });

  it('turns the caller\'s RFC 4733 digits into one dtmf event each, and sends ours on PT 126', async () => {
    const { callId, meta } = await fx.inboundCall();
    const digits: string[] = [];
    bridge.on('dtmf', (e) => {
      if (e.callId === callId) digits.push(e.digit);
    });
    meta.pressDigit('5');
    await waitFor(() => digits.length === 1, 'the digit');
    meta.pressDigit('#');
    await waitFor(() => digits.length === 2, 'the second digit');
    await waitFor(fx.packetsAfter(meta.heard, 10), 'repeated end packets to pass');
    expect(digits).toEqual(['5', '#']);

    await bridge.sendDtmf(callId, '19');
    const events = meta.heard.otherPayloads.filter((p) => p.payloadType === 126);
    const ends = new Map<number, number>();
    for (const e of events) if (e.payload[1]! & 0x80) ends.set(e.timestamp, e.payload[0]!);
    expect([...ends.values()]).toEqual([1, 9]);
    await expect(bridge.sendDtmf(callId, '12x')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
