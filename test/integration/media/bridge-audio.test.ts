import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaBridge, type MediaBridge } from '../../../src/media/bridge.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';
import { createCallFixture } from './call-fixture.js';

const HEARD = 0.05;
const SILENT = 0.01;

describe('media bridge: caller <-> agent audio', () => {
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
    const stats = await bridge.stats(callId);
    expect(stats.provider.received.packets).toBeGreaterThan(10);
    expect(stats.legs).toHaveLength(1);
    expect(stats.legs[0]!.connectedToCaller).toBe(true);
  });
});
