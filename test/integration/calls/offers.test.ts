import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { callRow, customerCalls, journey, offersOf, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** Offers, timeouts, rejects, ring-all, abandon, accept window, auto-answer (SPEC §4), on a ring-to-all group of 3. */
describe('offers', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 3, ringGroup: { mode: 'ring_all', agents: [0, 1, 2] } });
    for (const a of w.tenant.agents) {
      await w.desk(a);
    }
  });
  afterAll(async () => w?.stop());

  const setAll = async (status: 'available' | 'offline') => {
    for (const a of w.tenant.agents) await as(w.app, a).put('/api/me/presence', { status });
  };

  it('ring-all: every available agent rings; the first accept wins, the others get offer_taken, a late accept gets OFFER_TAKEN', async () => {
    await setAll('available');
    const [d0, d1, d2] = w.desks;
    const { callId } = await customerCalls(w);
    for (const d of [d0!, d1!, d2!]) await d.next('call.offered', (m) => m.id === callId);
    const win = await as(w.app, w.tenant.agents[1]!).post(`/api/calls/${callId}/accept`);
    expect(win.status).toBe(200);
    const late = await as(w.app, w.tenant.agents[0]!).post(`/api/calls/${callId}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OFFER_TAKEN');
    const taken = await d0!.next('call.offer_taken', (m) => m.id === callId);
    expect(taken.taken_by).toBe(w.tenant.agents[1]!.id);
    await d2!.next('call.offer_taken', (m) => m.id === callId);
    expect((await offersOf(w, callId)).map((o) => o.status).sort()).toEqual(['accepted', 'taken', 'taken']);
    await as(w.app, w.tenant.agents[1]!).post(`/api/calls/${callId}/hangup`);
    await waitStatus(w, callId, 'ended');
  });

  it('customer hangs up while ringing → user_abandon and every popup closes', async () => {
    await setAll('available');
    const { callId, providerCallId } = await customerCalls(w);
    for (const d of w.desks) await d.next('call.offered', (m) => m.id === callId);
    await w.emu.control.hangup(providerCallId);
    const row = await waitStatus(w, callId, 'ended');
    expect(row.result).toBe('user_abandon');
    expect(row.agent_id).toBeNull();
    for (const d of w.desks) {
      const closed = await d.next('call.offer_cancelled', (m) => m.id === callId);
      expect(closed.reason).toBe('abandoned');
    }
  });

  it('a reject offers the call to the next agent; when nobody is left the call ends unanswered and WhatsApp is told', async () => {
    await setAll('offline');
    await as(w.app, w.tenant.agents[0]!).put('/api/me/presence', { status: 'available' });
    const { callId, providerCallId } = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === callId);
    const r = await as(w.app, w.tenant.agents[0]!).post(`/api/calls/${callId}/reject`);
    expect(r.status).toBe(200);
    const row = await waitStatus(w, callId, 'ended');
    expect(row.result).toBe('unanswered');
    expect(await journey(w, callId)).toEqual(expect.arrayContaining(['offered', 'rejected', 'ended']));
    await eventually(async () => (await w.emu.control.getCall(providerCallId)).state === 'ended', 'rejected at the emulator');
  });

  it('an offer that is not answered in 30 s is missed and goes to the next agent (injected clock)', async () => {
    await setAll('offline');
    // Two offers must fit in Meta's 60 s window: ring 25 s each. Ring-all offers to whoever is available, so
    // let agent 0 miss, then bring agent 1 in.
    await as(w.app, w.tenant.admin).patch('/api/settings', { ring_timeout_s: 25 });
    await as(w.app, w.tenant.agents[0]!).put('/api/me/presence', { status: 'available' });
    const { callId } = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === callId);
    await as(w.app, w.tenant.agents[1]!).put('/api/me/presence', { status: 'available' });
    expect(await w.app.tick(24_000)).toBe(0);
    expect((await callRow(w, callId)).status).toBe('offering');
    await w.app.tick(1_000);
    await w.desks[0]!.next('call.offer_missed', (m) => m.id === callId);
    await w.desks[1]!.next('call.offered', (m) => m.id === callId);
    expect((await offersOf(w, callId)).map((o) => o.status)).toEqual(['missed', 'ringing']);
    const presence = await w.app.database.db.selectFrom('agent_presence').select('missed_in_row').where('user_id', '=', w.tenant.agents[0]!.id).executeTakeFirstOrThrow();
    expect(presence.missed_in_row).toBe(1);
    await w.app.tick(25_000);
    const row = await waitStatus(w, callId, 'ended');
    expect(row.result).toBe('missed');
    await as(w.app, w.tenant.admin).patch('/api/settings', { ring_timeout_s: 30 });
  });

  it('Meta\'s accept window passing ends the call unanswered with agent N/A', async () => {
    await setAll('available');
    const { callId } = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === callId);
    // Our own record of the window (60 s after routing) is a durable timer; the offer timeouts come first.
    await w.app.tick(60_000);
    const row = await waitStatus(w, callId, 'ended');
    expect(['unanswered', 'missed']).toContain(row.result);
    expect(row.agent_id).toBeNull();
    const rec = await as(w.app, w.tenant.admin).get(`/api/calls/${callId}`);
    expect(rec.body.agent_name).toBe('N/A');
  });

  it('auto-answer: an agent who turned it on is connected without clicking', async () => {
    await setAll('offline');
    const agent = w.tenant.agents[2]!;
    await as(w.app, agent).patch(`/api/users/${agent.id}`, { auto_answer: true });
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const { callId } = await customerCalls(w);
    const offer = await w.desks[2]!.next('call.offered', (m) => m.id === callId);
    expect(offer.auto_answer).toBe(true);
    const row = await waitStatus(w, callId, 'connected');
    expect(row.agent_id).toBe(agent.id);
    await as(w.app, agent).post(`/api/calls/${callId}/hangup`);
    await as(w.app, agent).patch(`/api/users/${agent.id}`, { auto_answer: false });
  });

  it('a busy agent is never offered a second call', async () => {
    await setAll('offline');
    const agent = w.tenant.agents[0]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const first = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === first.callId);
    await as(w.app, agent).post(`/api/calls/${first.callId}/accept`);
    const second = await customerCalls(w);
    const row = await waitStatus(w, second.callId, 'ended');
    expect(row.result).toBe('unanswered');
    expect(w.desks[0]!.of('call.offered').some((m) => m.id === second.callId)).toBe(false);
    await as(w.app, agent).post(`/api/calls/${first.callId}/hangup`);
  });

  it('three missed offers in a row pause the agent with "Missed calls" and tell supervisors', async () => {
    await setAll('offline');
    const agent = w.tenant.agents[1]!;
    await w.app.database.db.updateTable('agent_presence').set({ missed_in_row: 0 }).where('user_id', '=', agent.id).execute();
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    for (let i = 0; i < 3; i++) {
      const { callId } = await customerCalls(w);
      await w.desks[1]!.next('call.offered', (m) => m.id === callId);
      await w.app.tick(30_000);
      await waitStatus(w, callId, 'ended');
    }
    const p = await as(w.app, w.tenant.supervisor).get(`/api/users/${agent.id}/presence-history?limit=5`);
    expect(p.body.items[0]).toMatchObject({ status: 'paused', source: 'auto_pause' });
    const now = await as(w.app, agent).get('/api/me/presence');
    expect(now.body).toMatchObject({ status: 'paused', pause_reason: 'Missed calls' });
  });
});
