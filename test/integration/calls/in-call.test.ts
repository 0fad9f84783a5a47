import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually, openDesk } from '../../support/desk.js';
import { callRow, connectAgentAudio, customerCalls, customerHears, journey, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** Hold/resume (auto-retrieve), auto hang-up, transfer, hang-up from either side (SPEC §6) — with real audio. */
describe('in-call operations', () => {
  let w: World;
  let groupId: string;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 3, ringGroup: { mode: 'round_robin', agents: [0] } });
    for (const a of w.tenant.agents) await w.desk(a);
    const g = await as(w.app, w.tenant.admin).post('/api/agent-groups', { name: 'Billing', strategy: 'ring_all' });
    groupId = g.body.id;
    await as(w.app, w.tenant.admin).put(`/api/agent-groups/${groupId}/members`, { user_ids: [w.tenant.agents[1]!.id, w.tenant.agents[2]!.id] });
  });
  afterAll(async () => w?.stop());
  const openDeskAs = (u: { token: string }) => openDesk(w.url, u.token);

  async function connected(toneHz = 1000) {
    const agent = w.tenant.agents[0]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    expect((await as(w.app, agent).post(`/api/calls/${call.callId}/accept`)).status).toBe(200);
    const client = await connectAgentAudio(w.desks[0]!, call.callId, toneHz);
    await eventually(async () => ((await customerHears(w, call.providerCallId, [toneHz]))[String(toneHz)] ?? 0) > 0.2, 'customer hears the agent', 20_000);
    return { ...call, agent, client };
  }

  it('hold: the caller hears music, not the agent; resume brings the agent back; both are journey rows', async () => {
    const c = await connected(1000);
    try {
      expect((await as(w.app, c.agent).post(`/api/calls/${c.callId}/hold`)).body.status).toBe('on_hold');
      await eventually(async () => ((await customerHears(w, c.providerCallId, [1000]))['1000'] ?? 1) < 0.05, 'agent tone gone on hold', 20_000);
      const stats = await w.emu.control.getCall(c.providerCallId);
      expect(stats.media?.received.packets).toBeGreaterThan(0);
      expect((await as(w.app, c.agent).post(`/api/calls/${c.callId}/resume`)).body.status).toBe('connected');
      await eventually(async () => ((await customerHears(w, c.providerCallId, [1000]))['1000'] ?? 0) > 0.2, 'agent back after resume', 20_000);
      const call = await w.emu.control.getCall(c.providerCallId);
      expect(call.violations).toEqual([]);
      expect(await journey(w, c.callId)).toEqual(expect.arrayContaining(['held', 'resumed']));
    } finally {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hangup`);
      c.client.close();
    }
  });

  it('a held call comes back by itself after 5 minutes (injected clock) and the agent is reminded', async () => {
    const c = await connected();
    try {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hold`);
      await w.app.tick(299_000);
      expect((await callRow(w, c.callId)).status).toBe('on_hold');
      await w.app.tick(1_000);
      expect((await callRow(w, c.callId)).status).toBe('connected');
      await w.desks[0]!.next('call.hold_retrieved', (m) => m.id === c.callId);
      expect(await journey(w, c.callId)).toContain('auto_retrieved');
      const row = await callRow(w, c.callId);
      expect(row.hold_seconds).toBe(300);
    } finally {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hangup`);
      c.client.close();
    }
  });

  it('auto hang-up ends a connected call after the configured time (off by default)', async () => {
    await as(w.app, w.tenant.admin).patch('/api/settings', { auto_hangup_s: 120 });
    const c = await connected();
    try {
      await w.app.tick(119_000);
      expect((await callRow(w, c.callId)).status).toBe('connected');
      await w.app.tick(1_000);
      const row = await waitStatus(w, c.callId, 'ended');
      expect(row).toMatchObject({ result: 'answered', ended_by: 'system', end_reason: 'auto_hangup' });
      await eventually(async () => (await w.emu.control.getCall(c.providerCallId)).state === 'ended', 'terminated at WhatsApp');
    } finally {
      await as(w.app, w.tenant.admin).patch('/api/settings', { auto_hangup_s: 0 });
      c.client.close();
    }
  });

  it('transfer to an agent group: a new offer round while the call stays up; the caller then hears the second agent', async () => {
    const c = await connected(1000);
    const second = w.tenant.agents[1]!;
    await as(w.app, second).put('/api/me/presence', { status: 'available' });
    try {
      const t = await as(w.app, c.agent).post(`/api/calls/${c.callId}/transfer`, { agent_group_id: groupId });
      expect(t.status).toBe(200);
      expect(t.body.status).toBe('offering');
      await w.desks[1]!.next('call.offered', (m) => m.id === c.callId);
      expect((await w.emu.control.getCall(c.providerCallId)).state).toBe('accepted');
      expect((await as(w.app, second).post(`/api/calls/${c.callId}/accept`)).status).toBe(200);
      const client2 = await connectAgentAudio(w.desks[1]!, c.callId, 1500);
      try {
        await eventually(async () => {
          const l = await customerHears(w, c.providerCallId, [1000, 1500]);
          return (l['1500'] ?? 0) > 0.2 && (l['1000'] ?? 1) < 0.05;
        }, 'customer hears the second agent', 20_000);
        const row = await callRow(w, c.callId);
        expect(row.agent_id).toBe(second.id);
        expect(await journey(w, c.callId)).toEqual(expect.arrayContaining(['transferred', 'offered', 'answered']));
        const first = await as(w.app, c.agent).get('/api/me/presence');
        expect(first.body.effective_status).not.toBe('busy');
        // The customer hangs up: ended answered, by the customer.
        await w.emu.control.hangup(c.providerCallId);
        const ended = await waitStatus(w, c.callId, 'ended');
        expect(ended).toMatchObject({ result: 'answered', ended_by: 'customer' });
      } finally {
        client2.close();
      }
    } finally {
      c.client.close();
    }
  });

  it('a desk that reloads mid-call asks for its audio again and gets a fresh leg', async () => {
    const c = await connected(1000);
    c.client.close(); // the old page is gone
    try {
      await w.desks[0]!.command({ type: 'media.reconnect', call_id: c.callId });
      const again = await connectAgentAudio(w.desks[0]!, c.callId, 1200);
      try {
        await eventually(async () => ((await customerHears(w, c.providerCallId, [1200]))['1200'] ?? 0) > 0.2, 'customer hears the reloaded desk', 20_000);
      } finally {
        again.close();
      }
      const other = await openDeskAs(w.tenant.agents[1]!);
      await expect(other.command({ type: 'media.reconnect', call_id: c.callId })).rejects.toThrow(/FORBIDDEN|NOT_FOUND/);
      await other.close();
    } finally {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hangup`);
    }
  });

  it('an agent leg that dies mid-call (RTCP BYE) is replaced by a fresh offer', async () => {
    const c = await connected(1000);
    try {
      c.client.sendRtcpBye();
      c.client.close();
      const again = await connectAgentAudio(w.desks[0]!, c.callId, 1300);
      try {
        await eventually(async () => ((await customerHears(w, c.providerCallId, [1300]))['1300'] ?? 0) > 0.2, 'customer hears the new leg', 20_000);
        expect(await journey(w, c.callId)).toContain('media_retry');
      } finally {
        again.close();
      }
    } finally {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hangup`);
    }
  });

  it('DTMF both ways: the dial pad reaches the customer once per digit while the agent talks; the caller\'s digits reach the journey and the desk', async () => {
    const c = await connected(1000);
    try {
      const sent = await as(w.app, c.agent).post(`/api/calls/${c.callId}/dtmf`, { digits: '12#' });
      expect(sent.status).toBe(200);
      await eventually(async () => (await w.emu.control.getAudio(c.providerCallId)).received?.dtmf_digits === '12#', 'customer got 1, 2, #', 15_000);
      await w.emu.control.sendDtmf(c.providerCallId, '59');
      await w.desks[0]!.next('call.dtmf', (m) => m.call_id === c.callId && m.digit === '9');
      const rows = await w.app.database.db.selectFrom('call_journey').select('data').where('call_id', '=', c.callId).where('event', '=', 'dtmf').orderBy('id').execute();
      expect(rows.map((r) => (r.data as { digit: string }).digit)).toEqual(['5', '9']);
      expect((await as(w.app, c.agent).post(`/api/calls/${c.callId}/dtmf`, { digits: 'x1' })).status).toBe(400);
    } finally {
      await as(w.app, c.agent).post(`/api/calls/${c.callId}/hangup`);
      c.client.close();
    }
  });

  it('only the agent on the call may hold, transfer or hang up; a supervisor may end it', async () => {
    const c = await connected();
    try {
      const other = w.tenant.agents[2]!;
      expect((await as(w.app, other).post(`/api/calls/${c.callId}/hold`)).status).toBe(403);
      expect((await as(w.app, other).post(`/api/calls/${c.callId}/hangup`)).status).toBe(403);
      const end = await as(w.app, w.tenant.supervisor).post(`/api/calls/${c.callId}/hangup`);
      expect(end.body).toMatchObject({ status: 'ended', result: 'answered' });
      const stale = await as(w.app, c.agent).post(`/api/calls/${c.callId}/hold`);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('CALL_STATE_CHANGED');
    } finally {
      c.client.close();
    }
  });
});
