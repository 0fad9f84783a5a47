import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';
import { channelBody } from './support/world.js';

describe('agent groups', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 3 });
  });
  afterAll(async () => app.stop());

  it('staff create a group with a strategy and ordered members; everyone may read it', async () => {
    const [a1, a2, a3] = t.agents.map((a) => a.id);
    const res = await as(app, t.supervisor).post('/api/agent-groups', {
      name: 'Billing', strategy: 'longest_idle', wrap_up_seconds: 20, max_wait_seconds: 300, member_ids: [a3, a1, a2],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Billing', strategy: 'longest_idle', wrap_up_seconds: 20, max_wait_seconds: 300 });
    expect(res.body.members.map((m: { user_id: string }) => m.user_id)).toEqual([a3, a1, a2]);
    expect(res.body.members.map((m: { position: number }) => m.position)).toEqual([0, 1, 2]);

    const read = await as(app, t.agent).get(`/api/agent-groups/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.members.map((m: { user_id: string }) => m.user_id)).toEqual([a3, a1, a2]);
    const list = await as(app, t.agent).get('/api/agent-groups');
    expect(list.body.items.map((g: { id: string }) => g.id)).toContain(res.body.id);
    expect(list.body.next_cursor).toBeNull();
  });

  it('defaults: ring_all, no wrap-up, 120 s max wait', async () => {
    const res = await as(app, t.admin).post('/api/agent-groups', { name: 'Defaults' });
    expect(res.body).toMatchObject({ strategy: 'ring_all', wrap_up_seconds: 0, max_wait_seconds: 120, members: [] });
  });

  it('reorders members by PUT of the whole list, and changes settings by PATCH', async () => {
    const [a1, a2, a3] = t.agents.map((a) => a.id);
    const g = (await as(app, t.admin).post('/api/agent-groups', { name: 'Sales', strategy: 'round_robin', member_ids: [a1, a2] })).body;
    const put = await as(app, t.supervisor).put(`/api/agent-groups/${g.id}/members`, { user_ids: [a2, a3, a1] });
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { user_id: string }) => m.user_id)).toEqual([a2, a3, a1]);
    const patch = await as(app, t.supervisor).patch(`/api/agent-groups/${g.id}`, { strategy: 'fewest_calls', wrap_up_seconds: 45 });
    expect(patch.body).toMatchObject({ strategy: 'fewest_calls', wrap_up_seconds: 45, name: 'Sales' });
    const rows = await app.database.db.selectFrom('agent_group_members').select(['user_id', 'position']).where('group_id', '=', g.id).orderBy('position').execute();
    expect(rows).toEqual([{ user_id: a2, position: 0 }, { user_id: a3, position: 1 }, { user_id: a1, position: 2 }]);
  });

  it('validates strategy and bounds, naming the field', async () => {
    const bad = await as(app, t.admin).post('/api/agent-groups', { name: 'X', strategy: 'loudest', wrap_up_seconds: 99999 });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(issuePaths(bad)).toEqual(expect.arrayContaining(['body.strategy', 'body.wrap_up_seconds']));
    const dupes = await as(app, t.admin).post('/api/agent-groups', { name: 'Y', member_ids: [t.agent.id, t.agent.id] });
    expectError(dupes, 400, 'VALIDATION_FAILED');
    expect(issuePaths(dupes)).toContain('body.member_ids');
  });

  it('names are unique per tenant, whatever the case', async () => {
    await as(app, t.admin).post('/api/agent-groups', { name: 'Retention' });
    expectError(await as(app, t.admin).post('/api/agent-groups', { name: 'RETENTION' }), 409, 'DUPLICATE_NAME');
    // Another tenant may use the name.
    const other = await createTenant(app, { agents: 0 });
    expect((await as(app, other.admin).post('/api/agent-groups', { name: 'Retention' })).status).toBe(201);
  });

  it('members must be users of the tenant', async () => {
    const g = (await as(app, t.admin).post('/api/agent-groups', { name: 'Strict' })).body;
    const ghost = crypto.randomUUID();
    const res = await as(app, t.admin).put(`/api/agent-groups/${g.id}/members`, { user_ids: [t.agent.id, ghost] });
    expect(expectError(res, 404, 'NOT_FOUND').details).toMatchObject({ user_ids: [ghost] });
    expect((await as(app, t.admin).get(`/api/agent-groups/${g.id}`)).body.members).toEqual([]);
  });

  it('a group a channel routes to cannot be deleted until the channel routes elsewhere', async () => {
    const g = (await as(app, t.admin).post('/api/agent-groups', { name: 'Queue' })).body;
    const ch = await as(app, t.admin).post('/api/channels', channelBody({ incoming_target: { type: 'agent_groups', agent_group_ids: [g.id] } }));
    expect(ch.status).toBe(201);
    const refused = expectError(await as(app, t.supervisor).delete(`/api/agent-groups/${g.id}`), 409, 'IN_USE');
    expect(refused.details).toEqual({ channel_ids: [ch.body.id] });
    await as(app, t.admin).patch(`/api/channels/${ch.body.id}`, { incoming_target: null });
    expect((await as(app, t.supervisor).delete(`/api/agent-groups/${g.id}`)).status).toBe(204);
    expectError(await as(app, t.admin).get(`/api/agent-groups/${g.id}`), 404, 'NOT_FOUND');
  });

  it('pages through groups with a cursor', async () => {
    const fresh = await createTenant(app, { agents: 0 });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await as(app, fresh.admin).post('/api/agent-groups', { name: `Page ${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string }[]; next_cursor: string | null } } = await as(app, fresh.admin).get(`/api/agent-groups?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((g) => g.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(made.sort());
  });
});
