import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { reportFixtures } from './support/call-fixtures.js';

/** `POST /api/calls/search`: field / operator / value conditions, all or any, with the list's items, cursor and visibility. */
describe('advanced call search', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let channelA: string;
  let channelB: string;
  let group: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp({ clock: new TestClock('2026-03-03T06:00:00Z') });
    t = await createTenant(app, { agents: 2 });
    other = await createTenant(app);
    const f = reportFixtures(app);
    const [a1, a2] = [t.agents[0]!.id, t.agents[1]!.id];
    channelA = await f.channel(t.tenantId, 'A', [a1]);
    channelB = await f.channel(t.tenantId, 'B');
    group = await f.agentGroup(t.tenantId, 'G');
    const c = { tenantId: t.tenantId, channelId: channelA };
    ids.long = await f.call({ ...c, at: '2026-03-02T09:00:00Z', result: 'answered', waitMs: 4_000, talkS: 300, holdS: 40, agentId: a1, agentGroupId: group, customerNumber: '+6281234500001' });
    ids.short = await f.call({ ...c, at: '2026-03-02T09:10:00Z', result: 'answered', waitMs: 12_000, talkS: 30, agentId: a1, customerNumber: '+6281234500002' });
    ids.abandon = await f.call({ ...c, at: '2026-03-02T09:20:00Z', result: 'user_abandon', waitMs: 9_000, customerNumber: '+6289999900003' });
    ids.voicemail = await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T09:30:00Z', result: 'voicemail', waitMs: 130_000, endedBy: 'system', customerNumber: '+6289999900004' });
    ids.outbound = await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T09:40:00Z', direction: 'outbound', result: 'answered', talkS: 61, agentId: a2, costMinor: 1_500, endedBy: 'agent', customerNumber: '+6281234500005' });
    ids.live = await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-03T05:59:00Z', result: null, status: 'queued', customerNumber: '+6281234500006' });
    const foreign = await f.channel(other.tenantId, 'X');
    ids.foreign = await f.call({ tenantId: other.tenantId, channelId: foreign, at: '2026-03-02T09:00:00Z', result: 'answered', talkS: 300, agentId: other.agent.id });
  });
  afterAll(async () => app.stop());

  const search = async (body: unknown, user = t.admin) => as(app, user).post('/api/calls/search', body);
  const names = (body: { items: { id: string }[] }) => body.items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)?.[0]);
  const find = async (body: unknown, user = t.admin) => {
    const r = await search(body, user);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return names(r.body);
  };

  it('matches all conditions, newest first, never another tenant\'s calls', async () => {
    expect(await find({ match: 'all', conditions: [{ field: 'talk_seconds', op: 'gte', value: 60 }] })).toEqual(['outbound', 'long']);
    expect(await find({ conditions: [{ field: 'direction', op: 'eq', value: 'inbound' }, { field: 'talk_seconds', op: 'gte', value: 60 }] })).toEqual(['long']);
    expect(await find({})).toEqual(['live', 'outbound', 'voicemail', 'abandon', 'short', 'long']);
  });

  it('matches any condition', async () => {
    expect(await find({ match: 'any', conditions: [{ field: 'result', op: 'eq', value: 'voicemail' }, { field: 'cost_minor', op: 'gt', value: 1_000 }] })).toEqual(['outbound', 'voicemail']);
  });

  it('takes every operator', async () => {
    const one = (field: string, op: string, value: unknown) => find({ conditions: [{ field, op, value }] });
    expect(await one('wait_seconds', 'lt', 10)).toEqual(['outbound', 'abandon', 'long']);
    expect(await one('wait_seconds', 'lte', 9)).toEqual(['outbound', 'abandon', 'long']);
    expect(await one('wait_seconds', 'gt', 9)).toEqual(['voicemail', 'short']);
    expect(await one('hold_seconds', 'eq', 40)).toEqual(['long']);
    expect(await one('result', 'in', ['user_abandon', 'voicemail'])).toEqual(['voicemail', 'abandon']);
    expect(await one('customer_number', 'contains', '99999')).toEqual(['voicemail', 'abandon']);
    expect(await one('customer_number', 'eq', '+6281234500002')).toEqual(['short']);
    expect(await one('channel_id', 'eq', channelA)).toEqual(['abandon', 'short', 'long']);
    expect(await one('channel_type', 'neq', 'whatsapp')).toEqual([]);
    expect(await one('agent_group_id', 'eq', group)).toEqual(['long']);
    expect(await one('agent_id', 'in', [t.agents[1]!.id])).toEqual(['outbound']);
    expect(await one('ended_by', 'eq', 'agent')).toEqual(['outbound']);
    expect(await one('status', 'neq', 'ended')).toEqual(['live']);
    expect(await one('created_at', 'gte', '2026-03-02T09:30:00Z')).toEqual(['live', 'outbound', 'voicemail']);
    expect(await one('offered_at', 'lt', '2026-03-02T16:10:00+07:00')).toEqual(['long']);
    expect(await one('ended_at', 'eq', null)).toEqual(['live']);
  });

  it('treats empty columns the way a person means them: neq keeps them, null finds them', async () => {
    // A live call has no result yet: it is not "answered".
    expect(await find({ conditions: [{ field: 'result', op: 'neq', value: 'answered' }] })).toEqual(['live', 'voicemail', 'abandon']);
    expect(await find({ conditions: [{ field: 'agent_id', op: 'eq', value: null }] })).toEqual(['live', 'voicemail', 'abandon']);
    expect(await find({ conditions: [{ field: 'agent_id', op: 'neq', value: null }] })).toEqual(['outbound', 'short', 'long']);
  });

  it('takes what was typed literally: wildcards and quotes are plain text, nothing reaches SQL as code', async () => {
    expect(await find({ conditions: [{ field: 'customer_number', op: 'contains', value: '_' }] })).toEqual([]);
    expect(await find({ conditions: [{ field: 'customer_number', op: 'contains', value: '%' }] })).toEqual([]);
    expect(await find({ conditions: [{ field: 'customer_number', op: 'contains', value: "'); drop table calls; --" }] })).toEqual([]);
    expect(await find({})).toHaveLength(6);
  });

  it('answers the items and cursor of GET /api/calls', async () => {
    const first = (await search({ limit: 4 })).body;
    expect(first.items).toHaveLength(4);
    expect(first.next_cursor).toBe(first.items[3].id);
    const second = (await search({ limit: 4, cursor: first.next_cursor })).body;
    expect(names(second)).toEqual(['short', 'long']);
    expect(second.next_cursor).toBeNull();
    const listed = (await as(app, t.admin).get('/api/calls?limit=50')).body.items;
    const searched = (await search({ limit: 50 })).body.items;
    expect(searched).toEqual(listed);
  });

  it('shows agents the calls of their channels only, as the list does', async () => {
    expect(await find({}, t.agent)).toEqual(['abandon', 'short', 'long']);
    expect(await find({ conditions: [{ field: 'channel_id', op: 'eq', value: channelB }] }, t.agent)).toEqual([]);
    expect(await find({ match: 'any', conditions: [{ field: 'direction', op: 'eq', value: 'outbound' }, { field: 'status', op: 'neq', value: 'ended' }] }, t.agent)).toEqual([]);
  });

  it('refuses a condition its field does not take, with a 400 naming the condition', async () => {
    const refuse = async (conditions: unknown[], path: string, message?: RegExp) => {
      const r = await search({ conditions });
      expect(r.status, JSON.stringify(conditions)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      const issue = r.body.error.details.issues[0];
      expect(issue.path).toBe(path);
      if (message) expect(issue.message).toMatch(message);
    };
    const ok = { field: 'direction', op: 'eq', value: 'inbound' };
    await refuse([ok, { field: 'talk_seconds', op: 'contains', value: 3 }], 'body.conditions.1.op', /^condition 1 \(talk_seconds contains\): talk_seconds takes eq, neq, gt, gte, lt, lte, in$/);
    await refuse([{ field: 'talk_seconds', op: 'gt', value: 'long' }], 'body.conditions.0.value', /condition 0/);
    await refuse([ok, ok, { field: 'status', op: 'eq', value: 'sleeping' }], 'body.conditions.2.value', /condition 2/);
    await refuse([{ field: 'created_at', op: 'gt', value: '2 March' }], 'body.conditions.0.value');
    await refuse([{ field: 'created_at', op: 'in', value: ['2026-03-02T00:00:00Z'] }], 'body.conditions.0.op');
    await refuse([{ field: 'result', op: 'in', value: [] }], 'body.conditions.0.value', /list of 1 to 100/);
    await refuse([{ field: 'result', op: 'in', value: ['answered', 'maybe'] }], 'body.conditions.0.value', /item 1/);
    await refuse([{ field: 'result', op: 'in', value: 'answered' }], 'body.conditions.0.value');
    await refuse([{ field: 'hold_seconds', op: 'eq', value: null }], 'body.conditions.0.value', /never empty/);
    await refuse([{ field: 'agent_id', op: 'gt', value: null }], 'body.conditions.0.op');
    await refuse([{ field: 'agent_id', op: 'in', value: ['not-an-id'] }], 'body.conditions.0.value');
    await refuse([{ field: 'customer_number', op: 'eq' }], 'body.conditions.0.value', /required/);
    await refuse([{ field: 'password_hash', op: 'eq', value: 'x' }], 'body.conditions.0.field');
    await refuse([{ field: 'direction', op: 'like', value: 'x' }], 'body.conditions.0.op');
    await refuse([{ ...ok, extra: 1 }], 'body.conditions.0.extra');
    await refuse(Array.from({ length: 21 }, () => ok), 'body.conditions');
    const badMatch = await search({ match: 'some', conditions: [] });
    expect(badMatch.body.error.details.issues[0].path).toBe('body.match');
  });
});
