import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError } from './support/expect-error.js';
import { channelBody } from './support/world.js';

const memberIds = (g: { members: { user_id: string }[] }) => g.members.map((m) => m.user_id);

describe('ring groups', () => {
  let app: TestApp;
  let t: TestTenant;
  let agents: string[];
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 4 });
    agents = t.agents.map((a) => a.id);
  });
  afterAll(async () => app.stop());

  const sup = () => as(app, t.supervisor);
  /** A channel whose members are all the tenant's agents. */
  const channel = async () => {
    const id = (await as(app, t.admin).post('/api/channels', channelBody())).body.id as string;
    await as(app, t.admin).put(`/api/channels/${id}/members`, { user_ids: agents });
    return id;
  };

  it('supervisors create a ring group with ordered members, and reorder them', async () => {
    const ch = await channel();
    const [a1, a2, a3] = agents as [string, string, string];
    const created = await sup().post('/api/ring-groups', { channel_id: ch, name: 'Front desk', mode: 'round_robin', member_ids: [a3, a1, a2] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel_id: ch, name: 'Front desk', mode: 'round_robin', ring_regardless_of_status: false });
    expect(memberIds(created.body)).toEqual([a3, a1, a2]);
    const reordered = await sup().put(`/api/ring-groups/${created.body.id}/members`, { user_ids: [a1, a2, a3] });
    expect(memberIds(reordered.body)).toEqual([a1, a2, a3]);
    expect(reordered.body.members.map((m: { position: number }) => m.position)).toEqual([0, 1, 2]);
    expect(memberIds((await sup().get(`/api/ring-groups/${created.body.id}`)).body)).toEqual([a1, a2, a3]);
  });

  it('a channel has at most one group per mode', async () => {
    const ch = await channel();
    const rr = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'RR', mode: 'round_robin' })).body;
    const all = await sup().post('/api/ring-groups', { channel_id: ch, name: 'All', mode: 'ring_all', ring_regardless_of_status: true });
    expect(all.status).toBe(201);
    expect(all.body.ring_regardless_of_status).toBe(true);
    expectError(await sup().post('/api/ring-groups', { channel_id: ch, name: 'RR 2', mode: 'round_robin' }), 409, 'RING_GROUP_MODE_TAKEN');
    expectError(await sup().patch(`/api/ring-groups/${rr.id}`, { mode: 'ring_all' }), 409, 'RING_GROUP_MODE_TAKEN');
    // The same mode on another channel is fine.
    expect((await sup().post('/api/ring-groups', { channel_id: await channel(), name: 'RR', mode: 'round_robin' })).status).toBe(201);
  });

  it('an agent is in at most one ring group per channel', async () => {
    const ch = await channel();
    const [a1, a2] = agents as [string, string];
    const rr = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'RR', mode: 'round_robin', member_ids: [a1] })).body;
    const all = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'All', mode: 'ring_all', member_ids: [a2] })).body;
    const refused = expectError(await sup().put(`/api/ring-groups/${all.id}/members`, { user_ids: [a2, a1] }), 409, 'AGENT_IN_OTHER_RING_GROUP');
    expect(refused.message).toContain('RR');
    expect(refused.details).toEqual({ conflicts: [{ user_id: a1, ring_group_id: rr.id, ring_group_name: 'RR' }] });
    expect(memberIds((await sup().get(`/api/ring-groups/${all.id}`)).body)).toEqual([a2]);
    // Another channel's ring group may take the same agent.
    expect((await sup().post('/api/ring-groups', { channel_id: await channel(), name: 'Elsewhere', mode: 'ring_all', member_ids: [a1] })).status).toBe(201);
  });

  it('two groups taking the same agent at once: exactly one wins', async () => {
    const ch = await channel();
    const a4 = agents[3]!;
    const g1 = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'G1', mode: 'round_robin' })).body;
    const g2 = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'G2', mode: 'ring_all' })).body;
    const results = await Promise.all([
      sup().put(`/api/ring-groups/${g1.id}/members`, { user_ids: [a4] }),
      sup().put(`/api/ring-groups/${g2.id}/members`, { user_ids: [a4] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('AGENT_IN_OTHER_RING_GROUP');
    const rows = await app.database.db.selectFrom('ring_group_members').select('ring_group_id').where('channel_id', '=', ch).where('user_id', '=', a4).execute();
    expect(rows).toHaveLength(1);
  });

  it('the unique index has the last word: a write the up-front check cannot see yet still ends in 409', async () => {
    const ch = await channel();
    const a = agents[2]!;
    const g1 = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'Held', mode: 'round_robin' })).body;
    const g2 = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'Racer', mode: 'ring_all' })).body;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    // Another writer puts the agent in G1 and has not committed yet.
    const holder = app.database.db.transaction().execute(async (tx) => {
      await tx.insertInto('ring_group_members').values({ ring_group_id: g1.id, channel_id: ch, user_id: a, tenant_id: t.tenantId, position: 0 }).execute();
      inserted();
      await gate;
    });
    await insertedYet;
    const request = sup().put(`/api/ring-groups/${g2.id}/members`, { user_ids: [a] });
    if (app.database.kind === 'postgres') {
      // The request passed its check and now waits on the index entry of the open transaction.
      await vi.waitFor(async () => {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(app.database.db);
        expect(waiting.rows[0]!.n).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 20 });
    }
    release();
    await holder;
    expectError(await request, 409, 'AGENT_IN_OTHER_RING_GROUP');
    expect(memberIds((await sup().get(`/api/ring-groups/${g2.id}`)).body)).toEqual([]);
  });

  it('members must be members of the channel', async () => {
    const ch = (await as(app, t.admin).post('/api/channels', channelBody())).body.id as string;
    await as(app, t.admin).put(`/api/channels/${ch}/members`, { user_ids: [agents[0]!] });
    const res = await sup().post('/api/ring-groups', { channel_id: ch, name: 'Strict', mode: 'ring_all', member_ids: [agents[0], agents[1]] });
    expect(expectError(res, 409, 'NOT_A_CHANNEL_MEMBER').details).toEqual({ user_ids: [agents[1]] });
    // Nothing was created.
    expect((await sup().get(`/api/ring-groups?channel_id=${ch}`)).body.items).toEqual([]);
  });

  it('lists by channel, renames, and deletes', async () => {
    const ch = await channel();
    const g = (await sup().post('/api/ring-groups', { channel_id: ch, name: 'Old name', mode: 'ring_all', member_ids: [agents[0]] })).body;
    const list = await sup().get(`/api/ring-groups?channel_id=${ch}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([g.id]);
    expect(list.body.items[0].members).toHaveLength(1);
    expect((await sup().patch(`/api/ring-groups/${g.id}`, { name: 'New name' })).body.name).toBe('New name');
    expect((await sup().delete(`/api/ring-groups/${g.id}`)).status).toBe(204);
    expectError(await sup().get(`/api/ring-groups/${g.id}`), 404, 'NOT_FOUND');
    // Its member is free to join the channel's other group.
    expect((await sup().post('/api/ring-groups', { channel_id: ch, name: 'Next', mode: 'round_robin', member_ids: [agents[0]] })).status).toBe(201);
  });

  it('refuses a channel that does not exist', async () => {
    expectError(await sup().post('/api/ring-groups', { channel_id: crypto.randomUUID(), name: 'X', mode: 'ring_all' }), 404, 'NOT_FOUND');
  });
});
