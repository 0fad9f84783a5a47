import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { reportFixtures } from './support/call-fixtures.js';

/** `GET /api/reports/metrics` on rows with exact times: every SPEC §7 metric, per scope, on the tenant's thresholds. */
describe('metrics report', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let channelA: string;
  let channelB: string;
  let group: string;
  const day = '?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

  beforeAll(async () => {
    app = await createTestApp({ clock: new TestClock('2026-03-03T06:00:00Z') });
    t = await createTenant(app, { agents: 2 });
    other = await createTenant(app);
    const f = reportFixtures(app);
    const [a1, a2] = [t.agents[0]!.id, t.agents[1]!.id];
    channelA = await f.channel(t.tenantId, 'Sales', [a1, a2]);
    channelB = await f.channel(t.tenantId, 'Support');
    group = await f.agentGroup(t.tenantId, 'Tier 1', [a1]);
    const c = { tenantId: t.tenantId, channelId: channelA };
    // Answered at exactly T = 20 s: 100 s talk of which 30 s on hold, 10 s wrap-up.
    await f.call({ ...c, at: '2026-03-02T09:00:00Z', result: 'answered', waitMs: 20_000, talkS: 100, holdS: 30, wrapS: 10, agentId: a1, agentGroupId: group });
    // Answered after 25 s, 50 s talk.
    await f.call({ ...c, at: '2026-03-02T10:00:00Z', result: 'answered', waitMs: 25_000, talkS: 50, agentId: a2 });
    // Abandoned at exactly 5 s (short) and after 30 s.
    await f.call({ ...c, at: '2026-03-02T11:00:00Z', result: 'user_abandon', waitMs: 5_000 });
    await f.call({ ...c, at: '2026-03-02T11:05:00Z', result: 'user_abandon', waitMs: 30_000 });
    // Voicemail after the queue's wait; Meta's time-out after agent 1 missed the offer.
    await f.call({ ...c, at: '2026-03-02T12:00:00Z', result: 'voicemail', waitMs: 150_000, endReason: 'voicemail_recorded' });
    const timedOut = await f.call({ ...c, at: '2026-03-02T13:00:00Z', result: 'unanswered', waitMs: 45_000, endReason: 'accept_window_expired', endedBy: 'provider' });
    await f.offer(t.tenantId, timedOut, a1, 'missed', '2026-03-02T13:00:01Z');
    // Not offered: refused because inbound calling was off; an outbound call; a call that arrived the day before (answered
    // at midnight: its talk time is handled inside the range); another tenant's.
    await f.call({ ...c, at: '2026-03-02T14:00:00Z', result: 'unanswered', waitMs: 0, endReason: 'inbound_calling_disabled' });
    await f.call({ ...c, at: '2026-03-02T11:00:00Z', direction: 'outbound', result: 'answered', waitMs: 8_000, talkS: 60, agentId: a1 });
    await f.call({ ...c, at: '2026-03-01T23:59:59Z', result: 'answered', waitMs: 1_000, talkS: 10, agentId: a1 });
    const foreign = await f.channel(other.tenantId, 'X');
    await f.call({ tenantId: other.tenantId, channelId: foreign, at: '2026-03-02T09:00:00Z', result: 'user_abandon', waitMs: 60_000 });

    // Agent 1's presence: available from the day before until 00:30, then 08:00–10:00 with one call and its wrap-up.
    await f.presence(t.tenantId, a1, 'available', '2026-03-01T23:00:00Z');
    await f.presence(t.tenantId, a1, 'offline', '2026-03-02T00:30:00Z');
    await f.presence(t.tenantId, a1, 'available', '2026-03-02T08:00:00Z');
    await f.presence(t.tenantId, a1, 'busy', '2026-03-02T09:00:20Z', 'call');
    await f.presence(t.tenantId, a1, 'after_call_work', '2026-03-02T09:02:00Z', 'wrap_up');
    await f.presence(t.tenantId, a1, 'available', '2026-03-02T09:02:10Z', 'wrap_up_end');
    await f.presence(t.tenantId, a1, 'offline', '2026-03-02T10:00:00Z');
  });
  afterAll(async () => app.stop());

  const get = async (q: string, user = t.supervisor) => as(app, user).get(`/api/reports/metrics${q}`);

  it('computes every metric for the tenant', async () => {
    const r = await get(day);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', scope: { kind: 'tenant', name: expect.any(String) },
      service_level_threshold_s: 20, short_abandon_s: 5,
      offered: 6, answered: 2, abandoned: 2, short_abandoned: 1, answered_within_threshold: 1,
      service_level_pct: 20, // 1 ÷ (6 − 1)
      asa_seconds: 22.5, asa: '00:00:22',
      abandonment_rate_pct: 20, // (2 − 1) ÷ (6 − 1)
      aht_seconds: 80, aht: '00:01:20', // ((100 − 30) + 30 + 10 + 50) ÷ 2
      handled: 2,
    });
  });

  it('computes occupancy from handle time and the available time of presence history, clipped to the range', async () => {
    // Agent 1 available 00:00–00:30, 08:00–09:00:20 and 09:02:10–10:00 = 8 890 s; handled 100 + 10 s inbound, 60 s outbound
    // and the 10 s talk at midnight of the call that arrived the day before.
    const agent = (await get(`${day}&scope=agent&scope_id=${t.agents[0]!.id}`)).body;
    expect(agent).toMatchObject({ handle_seconds: 180, available_seconds: 8_890, occupancy_pct: 1.98 });
    // The whole tenant adds agent 2's 50 s call (agent 2 has no presence rows).
    expect((await get(day)).body).toMatchObject({ handle_seconds: 230, available_seconds: 8_890, occupancy_pct: 2.52 });
    // The agent group has agent 1 only.
    expect((await get(`${day}&scope=agent_group&scope_id=${group}`)).body).toMatchObject({ handle_seconds: 180, available_seconds: 8_890 });
  });

  it('counts only the time that has passed: a range running past now stops at now', async () => {
    app.clock.set('2026-03-02T09:30:00Z');
    try {
      const r = (await get(`${day}&scope=agent&scope_id=${t.agents[0]!.id}`)).body;
      // 00:00–00:30 and 08:00–09:00:20, then 09:02:10–09:30.
      expect(r.available_seconds).toBe(1_800 + 3_620 + 1_670);
      expect(r.handle_seconds).toBe(120);
    } finally {
      app.clock.set('2026-03-03T06:00:00Z');
    }
  });

  it('scopes by channel, agent group and agent', async () => {
    const empty = (await get(`${day}&scope=channel&scope_id=${channelB}`)).body;
    expect(empty).toMatchObject({ scope: { kind: 'channel', id: channelB, name: 'Support' }, offered: 0, service_level_pct: null, asa_seconds: null, abandonment_rate_pct: null, aht_seconds: null, occupancy_pct: null });
    expect((await get(`${day}&scope=channel&scope_id=${channelA}`)).body).toMatchObject({ offered: 6, service_level_pct: 20 });
    expect((await get(`${day}&scope=agent_group&scope_id=${group}`)).body).toMatchObject({ offered: 1, answered: 1, service_level_pct: 100, aht_seconds: 110 });
    // Agent 1: the call they answered and the one they missed.
    expect((await get(`${day}&scope=agent&scope_id=${t.agents[0]!.id}`)).body).toMatchObject({ offered: 2, answered: 1, abandoned: 0, service_level_pct: 50, asa_seconds: 20 });
  });

  it('follows the tenant\'s service-level and short-abandon thresholds', async () => {
    const f = reportFixtures(app);
    await f.settings(t.tenantId, { service_level_threshold_s: 25, short_abandon_s: 4 });
    try {
      expect((await get(day)).body).toMatchObject({
        service_level_threshold_s: 25, short_abandon_s: 4, answered_within_threshold: 2, short_abandoned: 0,
        service_level_pct: 33.33, abandonment_rate_pct: 33.33,
      });
    } finally {
      await f.settings(t.tenantId, {});
    }
  });

  it('validates the range and the scope', async () => {
    const bad = async (q: string, path: string) => {
      const r = await get(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details.issues.map((i: { path: string }) => i.path), q).toContain(path);
    };
    await bad('?to=2026-03-03T00:00:00Z', 'query.from');
    await bad('?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z', 'query.to');
    await bad('?from=2025-01-01T00:00:00Z&to=2026-03-02T00:00:00Z', 'query.to');
    await bad(`${day}&scope=channel`, 'query.scope_id');
    await bad(`${day}&scope_id=${channelA}`, 'query.scope_id');
    await bad(`${day}&scope=queue&scope_id=${channelA}`, 'query.scope');
    const foreign = await get(`${day}&scope=agent&scope_id=${other.agent.id}`);
    expect(foreign.status).toBe(404);
  });

  it('is for supervisors and admins', async () => {
    expect((await get(day, t.admin)).status).toBe(200);
    expect((await get(day, t.agent)).status).toBe(403);
  });
});
