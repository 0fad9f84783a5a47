import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaBridge, type MediaBridge } from '../../../src/media/bridge.js';
import { createMetaPeer } from '../../../src/media/testing/meta-peer.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';
import { createCallFixture } from './call-fixture.js';

const HEARD = 0.05;

describe('media bridge: outbound calls, watchdog events, failures', () => {
  let bridge: MediaBridge;
  let fx: ReturnType<typeof createCallFixture>;

  beforeAll(() => {
    bridge = createMediaBridge({ workers: 2, mediaGapMs: 600 });
    fx = createCallFixture(bridge);
  });
  afterEach(() => fx.teardown());
  afterAll(() => bridge.close());

  it('outbound: our actpass offer, Meta answering with a=setup:actpass, audio both ways', async () => {
    const callId = 'wacid.outbound-1';
    const { sdp: offer } = await bridge.offerProvider(callId);
    expect(offer).toMatch(/a=setup:actpass/);
    expect(offer).toMatch(/a=fingerprint:sha-256 /);
    expect(offer).toMatch(/a=rtpmap:111 opus\/48000\/2/);
    expect(offer).toMatch(/a=rtpmap:126 telephone-event\/8000/);
    expect(offer).toMatch(/a=sendrecv/);
    expect(offer).toMatch(/a=candidate:.* 127\.0\.0\.1 /);
    const meta = createMetaPeer({ toneHz: 440 });
    try {
      const answer = await meta.answer(offer, 'actpass');
      expect(answer).toMatch(/a=setup:actpass/);
      await bridge.applyProviderAnswer(callId, answer);
      await bridge.startProviderMedia(callId, { kind: 'agent' });
      const agent = await fx.agentLeg(callId, 'a1');
      await bridge.connectAgent(callId, 'a1');
      await waitFor(() => meta.heard.level(1000) > HEARD, 'the customer to hear the agent');
      await waitFor(() => agent.heard[0]!.level(440) > HEARD, 'the agent to hear the customer');
    } finally {
      await bridge.endCall(callId);
      await meta.close();
    }
  });

  it('inbound answer: one audio m-line, setup active, sendrecv, sha-256, the offer\'s payload types', async () => {
    const meta = createMetaPeer();
    try {
      const offer = await meta.offer();
      expect(offer).toMatch(/a=ice-lite/);
      const { sdp } = await bridge.answerProvider('wacid.shape', offer);
      expect(sdp.match(/^m=/gm)).toHaveLength(1);
      expect(sdp).toMatch(/a=setup:active/);
      expect(sdp).toMatch(/a=sendrecv/);
      expect(sdp).not.toMatch(/recvonly/);
      expect(sdp).toMatch(/a=fingerprint:sha-256 /);
      expect(sdp).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111 126/);
      expect(sdp).toMatch(/a=end-of-candidates/);
      expect(sdp).toContain('\r\n');
    } finally {
      await bridge.endCall('wacid.shape');
      await meta.close();
    }
  });

  it('reports callerMediaStopped after the gap and callerMediaResumed when audio returns', async () => {
    const { callId, meta } = await fx.inboundCall();
    const seen: string[] = [];
    bridge.on('callerMediaStopped', (e) => {
      if (e.callId === callId) seen.push('stopped');
    });
    bridge.on('callerMediaResumed', (e) => {
      if (e.callId === callId) seen.push('resumed');
    });
    await waitFor(fx.packetsAfter(meta.heard, 10), 'media to flow');
    expect(seen).toEqual([]);
    meta.stopSending();
    await waitFor(() => seen.length === 1, 'callerMediaStopped', 3000);
    // We keep sending to the caller while it is silent.
    await waitFor(fx.packetsAfter(meta.heard, 10), 'keep-alive to the silent caller');
    meta.resumeSending();
    await waitFor(() => seen.length === 2, 'callerMediaResumed', 3000);
    expect(seen).toEqual(['stopped', 'resumed']);
  });

  it('bad SDP from either side is a clear rejection, with nothing left running', async () => {
    await expect(bridge.answerProvider('wacid.bad1', 'hello')).rejects.toMatchObject({ code: 'INVALID_SDP' });
    const meta = createMetaPeer();
    const offer = await meta.offer();
    await meta.close();
    const noFingerprint = offer.replace(/a=fingerprint:.*\r\n/, '');
    await expect(bridge.answerProvider('wacid.bad2', noFingerprint)).rejects.toMatchObject({ code: 'INVALID_SDP', message: expect.stringMatching(/fingerprint/) });
    const videoOnly = offer.replace(/m=audio/, 'm=video');
    await expect(bridge.answerProvider('wacid.bad3', videoOnly)).rejects.toMatchObject({ code: 'INVALID_SDP' });
    await expect(bridge.stats('wacid.bad1')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const { callId } = await fx.inboundCall();
    const { sdp } = await bridge.createAgentLeg(callId, 'a1', 'agent');
    expect(sdp.match(/^m=audio/gm)).toHaveLength(2);
    await expect(bridge.applyAgentAnswer(callId, 'a1', 'v=0\r\nnonsense')).rejects.toMatchObject({ code: 'INVALID_SDP' });
    await expect(bridge.applyProviderAnswer(callId, 'garbage')).rejects.toMatchObject({ code: 'INVALID_SDP' });
    await bridge.removeLeg(callId, 'a1');
    expect((await bridge.stats(callId)).legs).toEqual([]);
    expect(await bridge.endCall(callId)).toEqual({ recordings: [] });
    const workers = await bridge.workerStats();
    expect(workers.map((w) => w.openPeers)).toEqual([0, 0]);
  });

  it('a killed worker emits workerDied with its calls, is restarted, and new calls work', async () => {
    const { callId } = await fx.inboundCall();
    const { workerId } = await bridge.stats(callId);
    const victim = (await bridge.workerStats()).find((w) => w.workerId === workerId)!;
    const died = new Promise<{ workerId: number; callIds: string[] }>((resolve) => bridge.on('workerDied', resolve));
    process.kill(victim.pid, 'SIGKILL');
    expect(await died).toEqual({ workerId, callIds: [callId] });
    await expect(bridge.stats(callId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await bridge.workerStats();
    expect(after.find((w) => w.workerId === workerId)!.pid).not.toBe(victim.pid);
    // Both workers serve again: two new calls, one lands on the restarted worker.
    const a = await fx.inboundCall();
    const b = await fx.inboundCall();
    const workersUsed = new Set([(await bridge.stats(a.callId)).workerId, (await bridge.stats(b.callId)).workerId]);
    expect(workersUsed).toEqual(new Set([0, 1]));
    const agent = await fx.agentLeg(a.callId, 'a1');
    await bridge.connectAgent(a.callId, 'a1');
    await waitFor(() => agent.heard[0]!.level(440) > HEARD && a.meta.heard.level(1000) > HEARD, 'audio on a call after the restart');
  });
});
