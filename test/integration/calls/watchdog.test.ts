import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { callRow, connectAgentAudio, customerCalls, customerHears, journey, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** The call watchdog (SPEC §6): no caller media for 30 s → the server ends the call and tells WhatsApp. */
describe('call watchdog', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
    await w.desk(w.tenant.agents[0]!);
  });
  afterAll(async () => w?.stop());

  it('ends a connected call whose caller went silent for 30 s (injected clock) and terminates it at WhatsApp', async () => {
    const agent = w.tenant.agents[0]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    await as(w.app, agent).post(`/api/calls/${call.callId}/accept`);
    const client = await connectAgentAudio(w.desks[0]!, call.callId, 1000);
    try {
      await eventually(async () => ((await customerHears(w, call.providerCallId, [1000]))['1000'] ?? 0) > 0.2, 'audio up', 20_000);
      await w.emu.control.dropMedia(call.providerCallId);
      // The bridge notices the gap within seconds (real time); the 30 s rule runs on the injected clock.
      await eventually(async () => (await journey(w, call.callId)).includes('media_stopped'), 'media stop noticed', 20_000);
      await w.app.tick(29_000);
      expect((await callRow(w, call.callId)).status).toBe('connected');
      await w.app.tick(1_000);
      const row = await waitStatus(w, call.callId, 'ended');
      expect(row).toMatchObject({ result: 'answered', ended_by: 'system', end_reason: 'media_timeout' });
      await eventually(async () => (await w.emu.control.getCall(call.providerCallId)).state === 'ended', 'terminated at WhatsApp');
      const presence = await as(w.app, agent).get('/api/me/presence');
      expect(presence.body.current_call_id).toBeNull();
    } finally {
      client.close();
    }
  });
});
