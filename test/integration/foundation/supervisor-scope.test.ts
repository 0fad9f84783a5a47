import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateColumns } from '../../../src/app/calls/call-row.js';
import { newInboundCall, type CallState } from '../../../src/domain/calls/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { openDesk, type Desk, type DeskMessage } from '../../support/desk.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';

/**
 * SPEC §1: a supervisor supervises their agent groups — the members of the groups they belong to and
 * the calls of those agents, offered to them, or queued for those groups. A supervisor in no group supervises everyone.
 */
describe('supervisor scope', () => {
  let app: TestApp;
  let base: string;
  let t: TestTenant;
  let scoped: TestTenant['supervisor'];
  let unscoped: TestTenant['supervisor'];
  const calls: Record<string, string> = {};
  const desks: Desk[] = [];

  async function record(name: string, o: { agentId: string | null; groupId: string | null; result: CallState['result']; offeredTo?: string }) {
    const at = app.clock.now().getTime() - 60_000;
    const state: CallState = {
      ...newInboundCall(at), status: 'ended', result: o.result, agentId: o.agentId,
      answeredAt: o.result === 'answered' ? at + 5_000 : null, endedAt: at + 30_000, endedBy: 'customer', endReason: 'test',
    };
    const id = app.ids.next();
    await app.database.db.insertInto('calls').values({
      id, tenant_id: t.tenantId, channel_id: channelId, direction: 'inbound', customer_number: '+6281200000001', channel_number: '+622150001111',
      agent_group_id: o.groupId, offered_at: new Date(at), created_at: new Date(at), updated_at: new Date(at + 30_000), ...stateColumns(state),
    }).execute();
    if (o.offeredTo) {
      await app.database.db.insertInto('call_offers').values({
        id: app.ids.next(), tenant_id: t.tenantId, call_id: id, agent_id: o.offeredTo, round: 1, status: 'missed', offered_at: new Date(at), deadline_at: new Date(at + 30_000),
      }).execute();
    }
    calls[name] = id;
  }
  let channelId = '';

  beforeAll(async () => {
    app = await createTestApp();
    base = await app.listen();
    t = await createTenant(app, { agents: 3, supervisors: 2 });
    [scoped, unscoped] = [t.supervisors[0]!, t.supervisors[1]!];
    const [a0, a1] = t.agents;
    const g1 = (await as(app, t.admin).post('/api/agent-groups', { name: 'Sales', member_ids: [a0!.id, scoped.id] })).body.id as string;
    const g2 = (await as(app, t.admin).post('/api/agent-groups', { name: 'Support', member_ids: [a1!.id] })).body.id as string;
    channelId = app.ids.next();
    const now = app.clock.now();
    await app.database.db.insertInto('channels').values({ id: channelId, tenant_id: t.tenantId, name: 'A', display_number: '+622150001111', prompts: '{}', health: '{}', created_at: now, updated_at: now }).execute();
    await record('mine', { agentId: a0!.id, groupId: null, result: 'answered' });
    await record('theirs', { agentId: a1!.id, groupId: g2, result: 'answered' });
    await record('queuedForMine', { agentId: null, groupId: g1, result: 'unanswered' });
    await record('nobodys', { agentId: null, groupId: null, result: 'user_abandon' });
    await record('rangMine', { agentId: null, groupId: null, result: 'user_abandon', offeredTo: a0!.id });
  });
  afterAll(async () => {
    for (const d of desks) await d.close();
    await app.stop();
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => Object.entries(calls).find(([, v]) => v === i.id)?.[0]).sort();

  it('call records, one record, search and export show a scoped supervisor only their agents\' and groups\' calls', async () => {
    expect(ids((await as(app, scoped).get('/api/calls')).body)).toEqual(['mine', 'queuedForMine', 'rangMine']);
    expect((await as(app, scoped).get(`/api/calls/${calls.theirs}`)).status).toBe(404);
    expect((await as(app, scoped).get(`/api/calls/${calls.mine}`)).status).toBe(200);
    expect((await as(app, scoped).get(`/api/calls/${calls.rangMine}`)).status).toBe(200);
    expect((await as(app, scoped).get(`/api/calls/${calls.nobodys}`)).status).toBe(404);
    expect(ids((await as(app, scoped).post('/api/calls/search', { conditions: [] })).body)).toEqual(['mine', 'queuedForMine', 'rangMine']);
    const csv = await app.http.inject({ method: 'GET', url: '/api/calls/export.csv', headers: { authorization: `Bearer ${scoped.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(calls.mine);
    expect(csv.body).not.toContain(calls.theirs);
    expect(csv.body).not.toContain(calls.nobodys);
    // A supervisor in no group, and an admin, see every call.
    expect(ids((await as(app, unscoped).get('/api/calls')).body)).toEqual(['mine', 'nobodys', 'queuedForMine', 'rangMine', 'theirs']);
    expect(ids((await as(app, t.admin).get('/api/calls')).body)).toEqual(['mine', 'nobodys', 'queuedForMine', 'rangMine', 'theirs']);
  });

  it('business records: another group\'s call is not found; their own is', async () => {
    expect((await as(app, scoped).get(`/api/calls/${calls.theirs}/business-record`)).status).toBe(404);
    expect((await as(app, scoped).get(`/api/calls/${calls.mine}/business-record`)).status).toBe(200);
    expect((await as(app, unscoped).get(`/api/calls/${calls.theirs}/business-record`)).status).toBe(200);
  });

  it('monitoring another group\'s call is refused as if it did not exist', async () => {
    const r = await as(app, scoped).post(`/api/calls/${calls.theirs}/monitor`, { mode: 'listen' });
    expect(r.status).toBe(404);
    // Their own agent's call is found (and refused only because it has ended).
    expect((await as(app, scoped).post(`/api/calls/${calls.mine}/monitor`, { mode: 'listen' })).body.error.code).toBe('CALL_STATE_CHANGED');
  });

  it('status changes, the status list and history: their agents only', async () => {
    const [a0, a1] = t.agents;
    expect((await as(app, scoped).put(`/api/users/${a1!.id}/presence`, { status: 'available' })).status).toBe(403);
    expect((await as(app, scoped).put(`/api/users/${a0!.id}/presence`, { status: 'available' })).status).toBe(200);
    expect((await as(app, scoped).get(`/api/users/${a1!.id}/presence-history`)).status).toBe(404);
    const listed = ((await as(app, scoped).get('/api/presence')).body as { items?: { user_id: string }[] } | { user_id: string }[]);
    const userIds = (Array.isArray(listed) ? listed : listed.items!).map((p) => p.user_id);
    expect(userIds).toContain(a0!.id);
    expect(userIds).not.toContain(a1!.id);
    expect((await as(app, unscoped).put(`/api/users/${a1!.id}/presence`, { status: 'available' })).status).toBe(200);
  });

  it('the wallboard and the metrics count their agents and calls only', async () => {
    const [a0, a1, a2] = t.agents;
    const wb = (await as(app, scoped).get('/api/reports/wallboard')).body;
    const agentIds = wb.agents.map((a: { user_id: string }) => a.user_id);
    expect(agentIds).toContain(a0!.id);
    expect(agentIds).not.toContain(a1!.id);
    expect(agentIds).not.toContain(a2!.id);
    expect(wb.today.offered).toBe(3);
    expect((await as(app, t.admin).get('/api/reports/wallboard')).body.today.offered).toBe(5);
    const from = new Date(app.clock.now().getTime() - 3_600_000).toISOString();
    const to = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const q = `/api/reports/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await as(app, scoped).get(q)).body.offered).toBe(3);
    expect((await as(app, unscoped).get(q)).body.offered).toBe(5);
  });

  it('live status events reach a scoped supervisor for their agents only', async () => {
    const [a0, a1] = t.agents;
    const mine = await openDesk(base, scoped.token);
    const all = await openDesk(base, unscoped.token);
    desks.push(mine, all);
    await as(app, t.admin).put(`/api/users/${a1!.id}/presence`, { status: 'offline' });
    await as(app, t.admin).put(`/api/users/${a0!.id}/presence`, { status: 'offline' });
    const about = (id: string) => (m: DeskMessage) => (m.presence as { user_id: string }).user_id === id;
    await all.next('presence.changed', about(a1!.id));
    await all.next('presence.changed', about(a0!.id));
    await mine.next('presence.changed', about(a0!.id));
    // Events reach one socket in order: the other group's change came first and was not sent.
    expect(mine.of('presence.changed').filter(about(a1!.id))).toEqual([]);
  });
});
