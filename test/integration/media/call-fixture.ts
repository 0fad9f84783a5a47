import type { MediaBridge, LegRole } from '../../../src/media/bridge.js';
import { createAgentClient, type AgentClient } from '../../../src/media/testing/agent-client.js';
import { createMetaPeer, type MetaPeer } from '../../../src/media/testing/meta-peer.js';
import { waitFor } from '../../../src/media/testing/wait-for.js';

let counter = 0;

/** Meta-shaped customer (440 Hz) <-> bridge, provider media started; tracks everything for teardown. */
export function createCallFixture(bridge: MediaBridge) {
  const metas: MetaPeer[] = [];
  const agents: AgentClient[] = [];
  const callIds: string[] = [];

  return {
    async inboundCall(opts: { toneHz?: number | null } = {}) {
      const callId = `wacid.test-${process.pid}-${++counter}`;
      const meta = createMetaPeer({ toneHz: opts.toneHz ?? 440 });
      metas.push(meta);
      const offer = await meta.offer();
      const { sdp } = await bridge.answerProvider(callId, offer);
      callIds.push(callId);
      await meta.acceptAnswer(sdp);
      await bridge.startProviderMedia(callId);
      await waitFor(() => meta.connected, 'the customer leg to connect');
      return { callId, meta };
    },
    async agentLeg(callId: string, legId: string, role: LegRole = 'agent', toneHz: number | null = 1000) {
      const agent = createAgentClient({ toneHz });
      agents.push(agent);
      const { sdp } = await bridge.createAgentLeg(callId, legId, role);
      await bridge.applyAgentAnswer(callId, legId, await agent.answer(sdp));
      await waitFor(() => agent.connected, `the ${role} leg to connect`);
      return agent;
    },
    /** Counts how many more packets a capture receives, to wait on media rather than on time. */
    packetsAfter(capture: { packets: unknown[] }, n: number) {
      const start = capture.packets.length;
      return () => capture.packets.length >= start + n;
    },
    async teardown() {
      for (const id of callIds) await bridge.endCall(id).catch(() => undefined);
      for (const a of agents) a.close();
      for (const m of metas) await m.close();
      callIds.length = 0;
      agents.length = 0;
      metas.length = 0;
      // Nothing may be left running in the workers.
      const workers = await bridge.workerStats();
      for (const w of workers) {
        if (w.calls !== 0 || w.openPeers !== 0) throw new Error(`worker ${w.workerId} still has ${w.calls} calls and ${w.openPeers} peers`);
      }
    },
  };
}
