import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { connectAgentAudio, customerCalls, customerHears, journey } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** Supervisor monitoring (SPEC §6): listen, whisper and barge, each heard by exactly the right parties. */
describe('monitoring a live call', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
    await w.desk(w.tenant.agents[0]!);
    await w.desk(w.tenant.supervisor);
  });
  afterAll(async () => w?.stop());

  it('listen: the supervisor hears both; whisper: only the agent hears the supervisor; barge: both hear', async () => {
    const agent = w.tenant.agents[0]!;
    const [agentDesk, supDesk] = w.desks as [typeof w.desks[0], typeof w.desks[0]];
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w, { tone: 440 });
    await agentDesk!.next('call.offered', (m) => m.id === call.callId);
    await as(w.app, agent).post(`/api/calls/${call.callId}/accept`);
    const agentAudio = await connectAgentAudio(agentDesk!, call.callId, 1000);
    const level = (c: typeof agentAudio, section: number, hz: number) => c.heard[section]?.level(hz, 500) ?? 0;
    try {
      await eventually(async () => ((await customerHears(w, call.providerCallId, [1000]))['1000'] ?? 0) > 0.2, 'call audio up', 20_000);
      expect((await as(w.app, agent).post(`/api/calls/${call.callId}/monitor`, { mode: 'listen' })).status).toBe(403);

      // Listen
      const listen = await as(w.app, w.tenant.supervisor).post(`/api/calls/${call.callId}/monitor`, { mode: 'listen' });
      expect(listen.status).toBe(200);
      const sup1 = await connectAgentAudio(supDesk!, call.callId, 1500);
      try {
        await eventually(() => level(sup1, 0, 440) > 0.2 && level(sup1, 1, 1000) > 0.2, 'supervisor hears caller and agent', 20_000);
        await new Promise((r) => setTimeout(r, 800));
        expect((await customerHears(w, call.providerCallId, [1500]))['1500']).toBeLessThan(0.05);
        expect(level(agentAudio, 1, 1500)).toBeLessThan(0.05);
      } finally {
        sup1.close();
      }

      // Whisper
      await as(w.app, w.tenant.supervisor).post(`/api/calls/${call.callId}/monitor`, { mode: 'whisper' });
      const sup2 = await connectAgentAudio(supDesk!, call.callId, 1500);
      try {
        await eventually(() => level(agentAudio, 1, 1500) > 0.2, 'agent hears the whisper', 20_000);
        expect((await customerHears(w, call.providerCallId, [1500]))['1500']).toBeLessThan(0.05);
      } finally {
        sup2.close();
      }

      // Barge
      await as(w.app, w.tenant.supervisor).post(`/api/calls/${call.callId}/monitor`, { mode: 'barge' });
      const sup3 = await connectAgentAudio(supDesk!, call.callId, 1500);
      try {
        await eventually(async () => ((await customerHears(w, call.providerCallId, [1500]))['1500'] ?? 0) > 0.1, 'caller hears the barging supervisor', 20_000);
        // The caller's single track carries the mix: the agent is still there.
        await eventually(async () => ((await customerHears(w, call.providerCallId, [1000]))['1000'] ?? 0) > 0.02, 'caller still hears the agent in the mix', 10_000);
      } finally {
        sup3.close();
      }
      expect((await as(w.app, w.tenant.supervisor).post(`/api/calls/${call.callId}/monitor`, { mode: 'stop' })).status).toBe(200);
      expect(await journey(w, call.callId)).toEqual(expect.arrayContaining(['monitor_listen', 'monitor_whisper', 'monitor_barge', 'monitor_stopped']));
    } finally {
      agentAudio.close();
      await as(w.app, agent).post(`/api/calls/${call.callId}/hangup`);
    }
  });
});
