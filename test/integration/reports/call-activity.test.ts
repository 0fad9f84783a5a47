import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { reportFixtures } from './support/call-fixtures.js';

interface Group { key: string | null; name: string; answered: number; unanswered: number; voicemail: number; in_progress: number; total: number; by_result: Record<string, number> }

/** `GET /api/reports/call-activity`: answered vs unanswered per agent, group, channel and local hour. */
describe('Call Activity', () => {
  let app: TestApp;
  let t: TestTenant;
  let channelA: string;
  let channelB: string;
  let group: string;
  let a1: string;
  let a2: string;
  let f: ReturnType<typeof reportFixtures>;
  const day = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

  beforeAll(async () => {
    app = await createTestApp({ clock: new TestClock('2026-03-03T06:00:00Z') });
    t = await createTenant(app, { agents: 2 });
    f = reportFixtures(app);
    [a1, a2] = [t.agents[0]!.id, t.agents[1]!.id];
    channelA = await f.channel(t.tenantId, 'Sales');
    channelB = await f.channel(t.tenantId, 'Support');
    group = await f.agentGroup(t.tenantId, 'Tier 1', [a1]);
    const c = { tenantId: t.tenantId, channelId: channelA };
    await f.call({ ...c, at: '2026-03-02T09:00:00Z', result: 'answered', talkS: 60, agentId: a1, agentGroupId: group });
    await f.call({ ...c, at: '2026-03-02T09:10:00Z', result: 'answered', talkS: 60, agentId: a2 });
    // Agent 1 rejected it, then WhatsApp's window closed: unanswered, and it counts for agent 1.
    const rejected = await f.call({ ...c, at: '2026-03-02T09:20:00Z', result: 'unanswered', waitMs: 45_000, endReason: 'accept_window_expired', agentGroupId: group });
    await f.offer(t.tenantId, rejected, a2, 'missed', '2026-03-02T09:20:01Z');
    await f.offer(t.tenantId, rejected, a1, 'rejected', '2026-03-02T09:20:31Z');
    // The caller hung up before anyone was offered the call; a failed call; a voicemail; one still in the queue.
    await f.call({ ...c, at: '2026-03-02T10:00:00Z', result: 'user_abandon', waitMs: 3_000 });
    await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T10:30:00Z', result: 'failed', waitMs: 1_000, endReason: 'provider_error_131' });
    await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T11:00:00Z', result: 'voicemail', waitMs: 130_000 });
    await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T23:50:00Z', result: null, status: 'queued' });
    // Outbound calls are reported apart.
    await f.call({ ...c, at: '2026-03-02T12:00:00Z', direction: 'outbound', result: 'rejected', agentId: a2 });
  });
  afterAll(async () => app.stop());

  const get = async (q: string, user = t.supervisor) => as(app, user).get(`/api/reports/call-activity?${q}`);
  const byName = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.name, g]));

  it('groups by agent: a call nobody answered counts for the agent it was last offered to, or for N/A', async () => {
    const r = await get(`${day}&group_by=agent`);
    expect(r.status).toBe(200);
    const g = byName(r.body.groups);
    expect(Object.keys(g)).toEqual(['agent 1', 'agent 2', 'N/A']);
    expect(g['agent 1']).toMatchObject({ key: a1, answered: 1, unanswered: 1, voicemail: 0, total: 2 });
    expect(g['agent 2']).toMatchObject({ key: a2, answered: 1, unanswered: 0, total: 1 });
    expect(g['N/A']).toMatchObject({ key: null, answered: 0, unanswered: 2, voicemail: 1, in_progress: 1, total: 4 });
    expect(r.body.totals).toMatchObject({ answered: 2, unanswered: 3, voicemail: 1, in_progress: 1, total: 7 });
    expect(r.body.totals.by_result).toEqual({ answered: 2, unanswered: 1, user_abandon: 1, rejected: 0, missed: 0, failed: 1, voicemail: 1 });
  });

  it('groups by agent group and by channel, with their names', async () => {
    const groups = byName((await get(`${day}&group_by=agent_group`)).body.groups);
    expect(groups['Tier 1']).toMatchObject({ key: group, answered: 1, unanswered: 1 });
    expect(groups['No agent group']).toMatchObject({ key: null, answered: 1, unanswered: 2, voicemail: 1 });
    const channels = byName((await get(`${day}&group_by=channel`)).body.groups);
    expect(channels.Sales).toMatchObject({ key: channelA, answered: 2, unanswered: 2, total: 4 });
    expect(channels.Support).toMatchObject({ key: channelB, unanswered: 1, voicemail: 1, in_progress: 1, total: 3 });
  });

  it('reports outbound calls apart, and narrows to a scope', async () => {
    const out = (await get(`${day}&group_by=agent&direction=outbound`)).body;
    expect(out.totals).toMatchObject({ answered: 0, unanswered: 1, total: 1 });
    expect(out.groups[0]).toMatchObject({ key: a2, name: 'agent 2' });
    const support = (await get(`${day}&group_by=agent&scope=channel&scope_id=${channelB}`)).body;
    expect(support.scope).toMatchObject({ kind: 'channel', name: 'Support' });
    expect(support.totals).toMatchObject({ unanswered: 1, voicemail: 1, in_progress: 1, total: 3 });
    const agent1 = (await get(`${day}&group_by=channel&scope=agent&scope_id=${a1}`)).body;
    expect(agent1.totals).toMatchObject({ answered: 1, unanswered: 1, total: 2 });
  });

  describe('by hour, in the tenant\'s time zone', () => {
    const hours = async (zone: string, q: string) => {
      await f.settings(t.tenantId, { time_zone: zone });
      const r = await get(`${q}&group_by=hour`);
      expect(r.status).toBe(200);
      expect(r.body.time_zone).toBe(zone);
      return r.body.groups as Group[];
    };
    afterAll(async () => f.settings(t.tenantId, {}));

    it('splits calls either side of local midnight, a day boundary UTC does not see', async () => {
      const ch = await f.channel(t.tenantId, 'Night');
      await f.call({ tenantId: t.tenantId, channelId: ch, at: '2026-03-05T16:30:00Z', result: 'answered', agentId: a1 }); // 23:30 in Jakarta
      await f.call({ tenantId: t.tenantId, channelId: ch, at: '2026-03-05T17:10:00Z', result: 'user_abandon' }); // 00:10 on 6 March
      const q = `from=2026-03-05T00:00:00Z&to=2026-03-06T00:00:00Z&scope=channel&scope_id=${ch}`;
      expect((await hours('Asia/Jakarta', q)).map((g) => [g.key, g.name, g.answered, g.unanswered])).toEqual([
        ['2026-03-05T23:00:00+07:00', '2026-03-05 23:00 (UTC+07:00)', 1, 0],
        ['2026-03-06T00:00:00+07:00', '2026-03-06 00:00 (UTC+07:00)', 0, 1],
      ]);
      // India is 5:30 ahead: both calls fall in the local hour from 22:00, though they are in different UTC hours.
      expect((await hours('Asia/Kolkata', q)).map((g) => [g.key, g.total])).toEqual([['2026-03-05T22:00:00+05:30', 2]]);
      expect((await hours('UTC', q)).map((g) => [g.key, g.total])).toEqual([['2026-03-05T16:00:00+00:00', 1], ['2026-03-05T17:00:00+00:00', 1]]);
    });

    it('keeps the repeated hour of a daylight-saving change as two hours, told apart by their offsets', async () => {
      const ch = await f.channel(t.tenantId, 'New York');
      await f.call({ tenantId: t.tenantId, channelId: ch, at: '2026-11-01T05:30:00Z', result: 'answered', agentId: a1 }); // 01:30 EDT
      await f.call({ tenantId: t.tenantId, channelId: ch, at: '2026-11-01T06:30:00Z', result: 'answered', agentId: a1 }); // 01:30 EST
      await f.call({ tenantId: t.tenantId, channelId: ch, at: '2026-11-01T06:45:00Z', result: 'missed' }); // 01:45 EST
      const q = `from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&scope=channel&scope_id=${ch}`;
      expect((await hours('America/New_York', q)).map((g) => [g.key, g.answered, g.unanswered])).toEqual([
        ['2026-11-01T01:00:00-04:00', 1, 0],
        ['2026-11-01T01:00:00-05:00', 1, 1],
      ]);
    });
  });

  it('validates grouping and range, and is for supervisors and admins', async () => {
    expect((await get(`${day}&group_by=week`)).status).toBe(400);
    expect((await get(day)).body.error.details.issues[0].path).toBe('query.group_by');
    expect((await get(`${day}&group_by=agent`, t.admin)).status).toBe(200);
    expect((await get(`${day}&group_by=agent`, t.agent)).status).toBe(403);
  });
});
