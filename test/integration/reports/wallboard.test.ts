import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { reportFixtures } from './support/call-fixtures.js';

/** `GET /api/reports/wallboard`: agents by effective status, waiting and live calls, today's figures in the tenant's day. */
describe('wallboard snapshot', () => {
  let app: TestApp;
  let t: TestTenant;
  const ids: Record<string, string> = {};
  // 13:00 in Jakarta: "today" began at 2026-03-02T17:00:00Z.
  const NOW = '2026-03-03T06:00:00Z';

  beforeAll(async () => {
    app = await createTestApp({ clock: new TestClock(NOW) });
    t = await createTenant(app, { agents: 3 });
    const f = reportFixtures(app);
    const db = app.database.db;
    const ch = await f.channel(t.tenantId, 'Sales');
    const group = await f.agentGroup(t.tenantId, 'Tier 1');
    const c = { tenantId: t.tenantId, channelId: ch };
    const [a1, a2, a3] = t.agents.map((a) => a.id) as [string, string, string];
    ids.live = await f.call({ ...c, at: '2026-03-03T05:58:00Z', result: null, status: 'connected', waitMs: 25_000, agentId: a1 });
    ids.queued = await f.call({ ...c, at: '2026-03-03T05:59:20Z', result: null, status: 'queued', agentGroupId: group, contactName: 'Siti' });
    ids.ringing = await f.call({ ...c, at: '2026-03-03T05:59:55Z', result: null, status: 'offering' });
    // Agent 1 on the call since its answer; agent 2 paused for lunch since 12:30 local; agent 3 available since 12:59.
    await db.updateTable('agent_presence').set({ status: 'available', status_since: new Date('2026-03-03T04:00:00Z'), current_call_id: ids.live, busy_since: new Date('2026-03-03T05:58:25Z') }).where('user_id', '=', a1).execute();
    const lunch = await db.insertInto('pause_reasons').values({ id: app.ids.next(), tenant_id: t.tenantId, name: 'Lunch break', created_at: app.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('agent_presence').set({ status: 'paused', pause_reason_id: lunch.id, status_since: new Date('2026-03-03T05:30:00Z') }).where('user_id', '=', a2).execute();
    await db.updateTable('agent_presence').set({ status: 'available', status_since: new Date('2026-03-03T05:59:00Z') }).where('user_id', '=', a3).execute();
    // Today (local): answered at 10 s, abandoned at 3 s (short) and 40 s, a Meta time-out, a voicemail; yesterday (local) but the same UTC day: not today.
    await f.call({ ...c, at: '2026-03-02T17:00:00Z', result: 'answered', waitMs: 10_000, talkS: 60, agentId: a1 });
    await f.call({ ...c, at: '2026-03-03T01:00:00Z', result: 'user_abandon', waitMs: 3_000 });
    await f.call({ ...c, at: '2026-03-03T02:00:00Z', result: 'user_abandon', waitMs: 40_000 });
    await f.call({ ...c, at: '2026-03-03T03:00:00Z', result: 'unanswered', waitMs: 50_000, endReason: 'accept_window_expired' });
    await f.call({ ...c, at: '2026-03-03T04:00:00Z', result: 'voicemail', waitMs: 130_000 });
    await f.call({ ...c, at: '2026-03-02T16:59:59Z', result: 'answered', waitMs: 1_000, talkS: 60, agentId: a1 });
    await f.call({ ...c, at: '2026-03-03T04:30:00Z', direction: 'outbound', result: 'answered', talkS: 30, agentId: a2 });
  });
  afterAll(async () => app.stop());

  const wallboard = async (user = t.supervisor) => as(app, user).get('/api/reports/wallboard');

  it('lists agents by effective status with the time in that status', async () => {
    const r = await wallboard();
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.agents.map((a: { user_id: string }) => [a.user_id, a]));
    expect(byId[t.agents[0]!.id]).toMatchObject({ effective_status: 'busy', status: 'available', seconds_in_status: 95, current_call_id: ids.live });
    expect(byId[t.agents[1]!.id]).toMatchObject({ effective_status: 'paused', pause_reason: 'Lunch break', seconds_in_status: 1_800, since: '2026-03-03T05:30:00.000Z' });
    expect(byId[t.agents[2]!.id]).toMatchObject({ effective_status: 'available', seconds_in_status: 60 });
    // Offline staff are not agents on the floor.
    expect(byId[t.admin.id]).toBeUndefined();
    expect(r.body.agents_by_status).toEqual({ available: 1, busy: 1, paused: 1, after_call_work: 0, offline: 0 });
  });

  it('shows the calls waiting with their wait, and the calls in progress with their talk time', async () => {
    const r = (await wallboard()).body;
    expect(r.waiting.map((c: { id: string; seconds: number; duration: string }) => [c.id, c.seconds, c.duration])).toEqual([
      [ids.queued, 40, '00:00:40'],
      [ids.ringing, 5, '00:00:05'],
    ]);
    expect(r.waiting[0]).toMatchObject({ status: 'queued', agent_group_name: 'Tier 1', contact_name: 'Siti', channel_name: 'Sales' });
    expect(r.in_progress).toHaveLength(1);
    expect(r.in_progress[0]).toMatchObject({ id: ids.live, status: 'connected', agent_name: 'agent 1', seconds: 95, duration: '00:01:35', answered_at: '2026-03-03T05:58:25.000Z' });
  });

  it('counts today in the tenant\'s time zone, with the service level of the metrics report', async () => {
    const r = (await wallboard()).body;
    expect(r).toMatchObject({ now: '2026-03-03T06:00:00.000Z', time_zone: 'Asia/Jakarta', day_start: '2026-03-03T00:00:00+07:00' });
    // 8 inbound calls today: 1 answered, 2 abandoned (1 short), a time-out, a voicemail and the 3 live ones.
    expect(r.today).toMatchObject({ offered: 8, answered: 2, unanswered: 3, voicemail: 1, abandoned: 2, short_abandoned: 1, service_level_threshold_s: 20 });
    const metrics = (await as(app, t.supervisor).get(`/api/reports/metrics?from=2026-03-02T17:00:00Z&to=${NOW}`)).body;
    expect(r.today).toMatchObject({
      offered: metrics.offered, answered: metrics.answered, abandoned: metrics.abandoned,
      service_level_pct: metrics.service_level_pct, asa_seconds: metrics.asa_seconds, abandonment_rate_pct: metrics.abandonment_rate_pct,
    });
    // Within 20 s: the call answered at 10 s; not the live call answered at 25 s. 1 ÷ (8 − 1).
    expect(r.today.service_level_pct).toBe(14.29);
  });

  it('is for supervisors and admins', async () => {
    expect((await wallboard(t.admin)).status).toBe(200);
    expect((await wallboard(t.agent)).status).toBe(403);
  });
});
