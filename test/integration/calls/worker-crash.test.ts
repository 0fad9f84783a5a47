import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { connectAgentAudio, customerCalls, customerHears, journey, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** A media worker that dies ends its calls cleanly (journey, WhatsApp told, agent freed) and the next call works. */
describe('media worker crash', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
    await w.desk(w.tenant.agents[0]!);
  });
  afterAll(async () => w?.stop());
  /** The bridge's own view of its workers (beyond the port the app uses). */
  const workers = () => (w.app.media as unknown as { workerStats(): Promise<{ pid: number; calls: number }[]> }).workerStats();

  async function connectedCall() {
    const agent = w.tenant.agents[0]!;
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    await as(w.app, agent).post(`/api/calls/${call.callId}/accept`);
    const client = await connectAgentAudio(w.desks[0]!, call.callId, 1000);
    await eventually(async () => ((await customerHears(w, call.providerCallId, [1000]))['1000'] ?? 0) > 0.2, 'audio up', 20_000);
    return { ...call, client };
  }

  it('kills the worker mid-call: the call ends failed, WhatsApp is told, and a new call connects afterwards', async () => {
    const agent = w.tenant.agents[0]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const first = await connectedCall();
    try {
      const [stats] = await workers();
      expect(stats!.calls).toBe(1);
      process.kill(stats!.pid, 'SIGKILL');
      const row = await waitStatus(w, first.callId, 'ended');
      expect(row).toMatchObject({ result: 'answered', ended_by: 'system', end_reason: 'media_worker_died', failure_code: 'MEDIA_FAILED' });
      expect(await journey(w, first.callId)).toContain('ended');
      await eventually(async () => (await w.emu.control.getCall(first.providerCallId)).state === 'ended', 'terminated at WhatsApp');
      expect((await as(w.app, agent).get('/api/me/presence')).body.current_call_id).toBeNull();
    } finally {
      first.client.close();
    }
    // The bridge restarted its worker: the next call has audio again.
    const second = await connectedCall();
    second.client.close();
    await as(w.app, agent).post(`/api/calls/${second.callId}/hangup`);
    const [after] = await workers();
    await eventually(async () => ((await workers())[0]?.calls ?? 1) === 0, 'worker freed');
    expect(after!.pid).not.toBe(undefined);
  });
});
