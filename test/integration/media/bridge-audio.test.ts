import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaBridge, type MediaBridge } from '../../../src/media/bridge.js';
import { seqDelta } from '../../../src/media/rtp/rtp-output-stream.js';
import type { CapturedPacket } from '../../../src/media/testing/audio-capture.js';
import { rms } from '../../../src/media/testing/goertzel.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';
import { createCallFixture } from './call-fixture.js';

const HEARD = 0.05;
const SILENT = 0.01;
const MUSIC = 'assets/music/hold.opus';
const PROMPT = 'assets/prompts/queue-entry.opus';

/** Every packet the caller got from us: one SSRC, sequence +1 each time, timestamps never jumping. */
function expectContinuous(packets: CapturedPacket[]): void {
  const ours = packets.filter((p) => p.ssrc === packets[0]!.ssrc);
  expect(ours.length).toBe(packets.length);
  for (let i = 1; i < ours.length; i++) {
    const a = ours[i - 1]!;
    const b = ours[i]!;
    expect(seqDelta(b.seq, a.seq), `sequence at packet ${i}`).toBe(1);
    const dt = (b.timestamp - a.timestamp) >>> 0;
    // Wall-clock paced: never backwards, never more than the real gap (plus slack for timer jitter).
    expect(dt, `timestamp step at packet ${i}`).toBeLessThanOrEqual(Math.max(960, (b.atMs - a.atMs + 60) * 48));
  }
}

describe('media bridge: what each party hears', () => {
  let bridge: MediaBridge;
  let fx: ReturnType<typeof createCallFixture>;

  beforeAll(() => {
    bridge = createMediaBridge({ workers: 1 });
    fx = createCallFixture(bridge);
  });
  afterEach(() => fx.teardown());
  afterAll(() => bridge.close());

  it('forwards the caller to the agent and the agent to the caller', async () => {
    const { callId, meta } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'a1');
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => agent.heard[0]!.level(440) > HEARD, 'the agent to hear 440 Hz');
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the caller to hear 1000 Hz');
    expect(meta.heard.level(440)).toBeLessThan(SILENT);
    expect(agent.heard[0]!.level(1000)).toBeLessThan(SILENT);
    await waitFor(fx.packetsAfter(agent.heard[0]!, 25), '25 more packets at the agent', 3000);
    const stats = await bridge.stats(callId);
    expect(stats.provider.received.packets).toBeGreaterThanOrEqual(25);
    expect(stats.provider.sent.packets).toBeGreaterThanOrEqual(25);
    expect(stats.provider.received.lastPacketAt).toBeGreaterThan(Date.now() - 1000);
    expect(stats.legs).toEqual([expect.objectContaining({ legId: 'a1', role: 'agent', connectedToCaller: true })]);
  });

  it('keeps sending comfort silence while nobody speaks', async () => {
    const { callId, meta } = await fx.inboundCall({ toneHz: null });
    await waitFor(fx.packetsAfter(meta.heard, 50), '50 packets at the caller', 3000);
    const last = meta.heard.packets.slice(-50);
    // 50 packets of 20 ms within about a second: nothing paused.
    expect(last[49]!.atMs - last[0]!.atMs).toBeLessThan(1300);
    expect(rms(meta.heard.recent(500))).toBeLessThan(SILENT);
    expect((await bridge.stats(callId)).provider.source).toBe('silence');
  });

  it('hold plays music to the caller and nothing to the agent; resume continues with no jump', async () => {
    const { callId, meta } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'a1');
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the caller to hear the agent');

    await bridge.hold(callId, MUSIC);
    meta.heard.clearAudio();
    agent.heard[0]!.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 40), 'music packets', 3000);
    expect(meta.heard.level(1000, 600)).toBeLessThan(SILENT);
    expect(rms(meta.heard.recent(600))).toBeGreaterThan(0.02);
    await waitFor(fx.packetsAfter(agent.heard[0]!, 30), 'packets at the agent', 3000);
    expect(agent.heard[0]!.level(440, 400)).toBeLessThan(SILENT);
    expect((await bridge.stats(callId)).provider.held).toBe(true);

    await bridge.resume(callId);
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the caller to hear the agent again');
    await waitFor(() => agent.heard[0]!.level(440) > HEARD, 'the agent to hear the caller again');
    expectContinuous(meta.heard.packets);
  });

  it('plays a prompt, then silence, then the agent, all in one continuous stream', async () => {
    const { callId, meta } = await fx.inboundCall({ toneHz: null });
    await bridge.playToCaller(callId, { kind: 'prompt', file: PROMPT, then: { kind: 'silence' } });
    await waitFor(() => rms(meta.heard.recent(1000)) > 0.02, 'the prompt to be heard');
    expect((await bridge.stats(callId)).provider.source).toBe('prompt');
    await fx.agentLeg(callId, 'a1');
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the agent after the prompt');
    expectContinuous(meta.heard.packets);
  });

  it('a prompt that is not Ogg/Opus is refused with INVALID_AUDIO', async () => {
    const { callId } = await fx.inboundCall({ toneHz: null });
    await expect(bridge.playToCaller(callId, { kind: 'prompt', file: 'package.json' })).rejects.toMatchObject({ code: 'INVALID_AUDIO' });
    await expect(bridge.playToCaller(callId, { kind: 'music', file: 'assets/nope.opus' })).rejects.toMatchObject({ code: 'MEDIA_FAILED' });
  });

  it('transfer: the caller hears the second agent, the first hears nothing more', async () => {
    const { callId, meta } = await fx.inboundCall();
    const first = await fx.agentLeg(callId, 'a1', 'agent', 1000);
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the first agent');
    const second = await fx.agentLeg(callId, 'a2', 'agent', 1500);
    await bridge.connectAgent(callId, 'a2');
    meta.heard.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 25), 'packets after the transfer', 3000);
    expect(meta.heard.level(1500)).toBeGreaterThan(HEARD);
    // The first agent's voice is gone: were it still forwarded it would be as loud as the second's. (A timer
    // glitch in the sending test process spreads a little energy over every frequency, so not an absolute zero.)
    expect(meta.heard.level(1000)).toBeLessThan(Math.max(SILENT, meta.heard.level(1500) / 5));
    await waitFor(() => second.heard[0]!.level(440) > HEARD, 'the second agent to hear the caller');
    first.heard[0]!.clearAudio();
    await waitFor(fx.packetsAfter(first.heard[0]!, 25), 'packets at the first agent', 3000);
    expect(first.heard[0]!.level(440, 400)).toBeLessThan(SILENT);
    await bridge.removeLeg(callId, 'a1');
    expect((await bridge.stats(callId)).legs.map((l) => l.legId)).toEqual(['a2']);
    expectContinuous(meta.heard.packets);
  });

  it('mute replaces the agent with silence on the bridge', async () => {
    const { callId, meta } = await fx.inboundCall();
    await fx.agentLeg(callId, 'a1');
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the agent');
    await bridge.setMuted(callId, 'a1', true);
    meta.heard.clearAudio();
    await waitFor(fx.packetsAfter(meta.heard, 30), 'packets while muted', 3000);
    expect(meta.heard.level(1000, 400)).toBeLessThan(SILENT);
    await bridge.setMuted(callId, 'a1', false);
    await waitFor(() => meta.heard.level(1000) > HEARD, 'the agent after unmute');
  });
});
