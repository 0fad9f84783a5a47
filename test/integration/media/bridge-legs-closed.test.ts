import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaBridge, type MediaBridge } from '../../../src/media/bridge.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';
import { createCallFixture } from './call-fixture.js';

const DEAD_AFTER_MS = 2500;

/** How a leg whose far end went away is reported (see src/media/README.md "Events"). */
describe('media bridge: legs that go away', () => {
  let bridge: MediaBridge;
  let fx: ReturnType<typeof createCallFixture>;

  beforeAll(() => {
    bridge = createMediaBridge({ workers: 1, legDeadAfterMs: DEAD_AFTER_MS });
    fx = createCallFixture(bridge);
  });
  afterEach(() => fx.teardown());
  afterAll(() => bridge.close());

  const closedEvents = (callId: string) => {
    const seen: { legId?: string; reason: string; afterMs: number }[] = [];
    const t0 = Date.now();
    const record = (e: { callId: string; legId?: string; reason: string }) => {
      if (e.callId === callId) seen.push({ ...(e.legId ? { legId: e.legId } : {}), reason: e.reason, afterMs: Date.now() - t0 });
    };
    bridge.on('providerLegClosed', record);
    bridge.on('agentLegClosed', record);
    return seen;
  };

  it('a customer that vanishes without closing is reported after legDeadAfterMs, not after the 30 s ICE consent timeout', async () => {
    const { callId, meta } = await fx.inboundCall();
    await waitFor(fx.packetsAfter(meta.heard, 5), 'media to flow');
    const seen = closedEvents(callId);
    await meta.close();
    await waitFor(() => seen.length > 0, 'providerLegClosed', DEAD_AFTER_MS + 5000);
    expect(seen).toEqual([{ reason: 'no_packets', afterMs: expect.any(Number) }]);
    expect(seen[0]!.afterMs).toBeGreaterThanOrEqual(DEAD_AFTER_MS - 100);
    expect((await bridge.stats(callId)).provider.state).toBe('closed');
    const [worker] = await bridge.workerStats();
    expect(worker!.openPeers).toBe(0);
  });

  it('a browser that stops sending is reported (agentLegClosed no_packets) and its leg removed; the call goes on', async () => {
    const { callId, meta } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'a1');
    await bridge.connectAgent(callId, 'a1');
    await waitFor(() => agent.heard[0]!.packets.length > 5, 'the agent to hear the caller');
    const seen = closedEvents(callId);
    agent.stopSending();
    await waitFor(() => seen.length > 0, 'agentLegClosed', DEAD_AFTER_MS + 5000);
    expect(seen).toEqual([{ legId: 'a1', reason: 'no_packets', afterMs: expect.any(Number) }]);
    expect((await bridge.stats(callId)).legs).toEqual([]);
    // The caller keeps getting comfort silence.
    await waitFor(fx.packetsAfter(meta.heard, 10), 'packets to the caller after the leg closed');
  });

  it('an RTCP BYE from a browser closes its leg at once', async () => {
    const { callId } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'a1');
    await waitFor(() => agent.heard[0]!.packets.length > 0, 'media to the agent');
    const seen = closedEvents(callId);
    agent.sendRtcpBye();
    await waitFor(() => seen.length > 0, 'agentLegClosed', 2000);
    expect(seen).toEqual([{ legId: 'a1', reason: 'rtcp_bye', afterMs: expect.any(Number) }]);
    expect(seen[0]!.afterMs).toBeLessThan(DEAD_AFTER_MS);
  });

  it('a browser that closes its peer connection is reported within legDeadAfterMs (at once when its DTLS close alert arrives)', async () => {
    const { callId } = await fx.inboundCall();
    const agent = await fx.agentLeg(callId, 'a1');
    const seen = closedEvents(callId);
    agent.close();
    await waitFor(() => seen.length > 0, 'agentLegClosed', DEAD_AFTER_MS + 5000);
    expect(seen).toEqual([{ legId: 'a1', reason: expect.stringMatching(/^(closed_by_peer|no_packets)$/), afterMs: expect.any(Number) }]);
    expect(seen[0]!.afterMs).toBeLessThan(DEAD_AFTER_MS + 1000);
  });
});
