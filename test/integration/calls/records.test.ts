import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateColumns } from '../../../src/app/calls/call-row.js';
import { newInboundCall, type CallState } from '../../../src/domain/calls/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';

/** `GET /api/calls`: filters, cursor pagination, visibility and durations; `GET /api/calls/:id` with its journey. */
describe('call records', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  const channels: string[] = [];
  const ids: Record<string, string> = {};
  const T0 = Date.parse('2026-03-02T03:00:00Z');

  async function channel(tenantId: string, name: string) {
    const id = app.ids.next();
    const now = app.clock.now();
    await app.database.db.insertInto('channels').values({ id, tenant_id: tenantId, name, display_number: '+622150001111', prompts: '{}', health: '{}', created_at: now, updated_at: now }).execute();
    return id;
  }

  async function record(name: string, o: { tenantId: string; channelId: string; direction?: 'inbound' | 'outbound'; result: CallState['result']; agentId?: string | null; at: number; talk?: number; wait?: number }) {
    const routed = o.at;
    const answeredAt = o.result === 'answered' ? routed + (o.wait ?? 5) * 1000 : null;
    const endedAt = (answeredAt ?? routed + (o.wait ?? 5) * 1000) + (o.talk ?? 0) * 1000;
    const state: CallState = {
      ...newInboundCall(routed), direction: o.direction ?? 'inbound', status: 'ended', result: o.result, agentId: o.agentId ?? null,
      answeredAt, endedAt, endedBy: 'customer', endReason: 'test',
    };
    const id = app.ids.next();
    await app.database.db.insertInto('calls').values({
      id, tenant_id: o.tenantId, channel_id: o.channelId, direction: state.direction, customer_number: '+6281200000001', channel_number: '+622150001111',
      offered_at: new Date(routed), created_at: new Date(routed), updated_at: new Date(endedAt), ...stateColumns(state),
    }).execute();
    await app.database.db.insertInto('call_journey').values([
      { tenant_id: o.tenantId, call_id: id, at: new Date(routed), event: 'received', agent_id: null, description: 'Incoming', data: '{}' },
      { tenant_id: o.tenantId, call_id: id, at: new Date(endedAt), event: 'ended', agent_id: null, description: 'Ended', data: '{}' },
    ]).execute();
    ids[name] = id;
  }

  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 2 });
    other = await createTenant(app);
    channels.push(await channel(t.tenantId, 'A'), await channel(t.tenantId, 'B'));
    const otherChannel = await channel(other.tenantId, 'X');
    await app.database.db.insertInto('channel_members').values({ channel_id: channels[0]!, user_id: t.agent.id, tenant_id: t.tenantId }).execute();
    await record('answered', { tenantId: t.tenantId, channelId: channels[0]!, result: 'answered', agentId: t.agent.id, at: T0, talk: 192, wait: 7 });
    await record('abandon', { tenantId: t.tenantId, channelId: channels[0]!, result: 'user_abandon', at: T0 + 60_000, wait: 3 });
    await record('outbound', { tenantId: t.tenantId, channelId: channels[1]!, direction: 'outbound', result: 'answered', agentId: t.agents[1]!.id, at: T0 + 120_000, talk: 61 });
    await record('unanswered', { tenantId: t.tenantId, channelId: channels[1]!, result: 'unanswered', at: T0 + 3_600_000 * 2 });
    await record('foreign', { tenantId: other.tenantId, channelId: otherChannel, result: 'answered', agentId: other.agent.id, at: T0 });
  });
  afterAll(async () => app.stop());

  const list = async (q: string, user = t.admin) => (await as(app, user).get(`/api/calls${q}`)).body;
  const names = (body: { items: { id: string }[] }) => body.items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)?.[0]);

  it('lists the tenant\'s calls newest first, never another tenant\'s', async () => {
    expect(names(await list(''))).toEqual(['unanswered', 'outbound', 'abandon', 'answered']);
    expect((await as(app, t.admin).get(`/api/calls/${ids.foreign}`)).status).toBe(404);
  });

  it('filters by time range, channel, agent, result, direction and channel type', async () => {
    const from = new Date(T0 + 30_000).toISOString();
    const to = new Date(T0 + 3_600_000).toISOString();
    expect(names(await list(`?from=${from}&to=${to}`))).toEqual(['outbound', 'abandon']);
    expect(names(await list(`?channel_id=${channels[1]}`))).toEqual(['unanswered', 'outbound']);
    expect(names(await list(`?agent_id=${t.agent.id}`))).toEqual(['answered']);
    expect(names(await list('?result=user_abandon'))).toEqual(['abandon']);
    expect(names(await list('?direction=outbound'))).toEqual(['outbound']);
    expect(names(await list('?channel_type=voice'))).toEqual([]);
    expect(names(await list('?result=answered&direction=inbound'))).toEqual(['answered']);
    const bad = await as(app, t.admin).get('/api/calls?result=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('query.result');
  });

  it('pages with a cursor', async () => {
    const first = await list('?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.next_cursor).toBe(first.items[2].id);
    const second = await list(`?limit=3&cursor=${first.next_cursor}`);
    expect(names(second)).toEqual(['answered']);
    expect(second.next_cursor).toBeNull();
  });

  it('agents see the calls of their channels only', async () => {
    expect(names(await list('', t.agent))).toEqual(['abandon', 'answered']);
    expect((await as(app, t.agent).get(`/api/calls/${ids.outbound}`)).status).toBe(404);
  });

  it('shows every record field with durations as HH:mm:ss next to the seconds, and the journey in order', async () => {
    const r = (await as(app, t.admin).get(`/api/calls/${ids.answered}`)).body;
    expect(r).toMatchObject({
      channel_type: 'whatsapp', direction: 'inbound', customer_number: '+6281200000001', channel_number: '+622150001111', agent_id: t.agent.id,
      result: 'answered', talk_seconds: 192, talk_duration: '00:03:12', wait_seconds: 7, wait_duration: '00:00:07', hold_duration: '00:00:00',
      channel_name: 'A',
    });
    for (const k of ['offered_at', 'answered_at', 'ended_at', 'cost_minor', 'has_recording', 'conversation_id', 'agent_group_id']) expect(r).toHaveProperty(k);
    expect(r.journey.map((j: { event: string }) => j.event)).toEqual(['received', 'ended']);
    const abandoned = (await as(app, t.admin).get(`/api/calls/${ids.abandon}`)).body;
    expect(abandoned).toMatchObject({ agent_name: 'N/A', talk_duration: null, wait_seconds: 3 });
  });
});
