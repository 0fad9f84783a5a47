import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallExport, exportColumns } from '../../../src/app/calls/call-export.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { createTenant, type TestTenant } from '../../support/fixtures.js';
import { parseCsv, reportFixtures } from './support/call-fixtures.js';

/** `GET|POST /api/calls/export.csv`: RFC 4180, tenant time zone, formula-safe, streamed page by page. */
describe('call records CSV export', () => {
  let app: TestApp;
  let t: TestTenant;
  let big: TestTenant;
  let channelA: string;
  const ids: Record<string, string> = {};
  const BIG = 100_000;

  beforeAll(async () => {
    app = await createTestApp({ clock: new TestClock('2026-03-03T06:00:00Z') });
    t = await createTenant(app, { agents: 2 });
    big = await createTenant(app, { agents: 1 });
    const f = reportFixtures(app);
    channelA = await f.channel(t.tenantId, 'Sales, Jakarta', [t.agent.id]);
    const channelB = await f.channel(t.tenantId, 'Support');
    const c = { tenantId: t.tenantId, channelId: channelA };
    ids.answered = await f.call({ ...c, at: '2026-03-02T09:00:00Z', result: 'answered', waitMs: 7_000, talkS: 192, holdS: 12, wrapS: 30, agentId: t.agent.id, contactName: 'Budi "the boss", Jr.\nSecond line' });
    ids.formula = await f.call({ ...c, at: '2026-03-02T10:00:00Z', result: 'user_abandon', waitMs: 3_000, contactName: '=HYPERLINK("http://evil.example","x")', customerNumber: '@SUM(A1)' });
    ids.outbound = await f.call({ tenantId: t.tenantId, channelId: channelB, at: '2026-03-02T11:00:00Z', direction: 'outbound', result: 'answered', talkS: 61, agentId: t.agents[1]!.id, costMinor: 1_500 });

    // 100 000 records for the big tenant, one a second, written by the database itself.
    const bigChannel = await f.channel(big.tenantId, 'Bulk');
    await sql`
      insert into calls (id, tenant_id, channel_id, direction, customer_number, channel_number, status, result, ended_by, end_reason,
                         offered_at, answered_at, ended_at, hold_seconds, talk_seconds, wait_seconds, state, created_at, updated_at)
      select gen_random_uuid(), ${big.tenantId}, ${bigChannel}, 'inbound', '+62812' || lpad(g::text, 7, '0'), '+622150001111', 'ended', 'answered',
             'customer', 'customer_hangup', ts, ts + interval '4 seconds', ts + interval '64 seconds', 0, 60, 4, '{}'::jsonb, ts, ts
      from (select g, timestamptz '2026-03-01T00:00:00Z' + g * interval '1 second' as ts from generate_series(1, ${BIG}) g) s
    `.execute(app.database.db);
  }, 300_000);
  afterAll(async () => app.stop());

  const exportGet = (q: string, user: { token: string } = t.admin) =>
    app.http.inject({ method: 'GET', url: `/api/calls/export.csv${q}`, headers: { authorization: `Bearer ${user.token}` } });
  const exportPost = (body: unknown, user: { token: string } = t.admin) =>
    app.http.inject({ method: 'POST', url: '/api/calls/export.csv', headers: { authorization: `Bearer ${user.token}` }, payload: body as object });
  const records = (text: string) => {
    const [header, ...rows] = parseCsv(text);
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
  };

  it('answers an attachment with a header row and one CRLF record per call, newest first', async () => {
    const res = await exportGet('');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe('attachment; filename="calls-20260303-130000.csv"');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([...exportColumns]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([ids.outbound, ids.formula, ids.answered]);
  });

  it('writes durations as HH:mm:ss and seconds, times in ISO 8601 in the tenant\'s zone, and quotes what needs quoting', async () => {
    const r = records((await exportGet('')).body).find((x) => x.id === ids.answered)!;
    expect(r).toMatchObject({
      created_at: '2026-03-02T16:00:00+07:00', offered_at: '2026-03-02T16:00:00+07:00', answered_at: '2026-03-02T16:00:07+07:00', ended_at: '2026-03-02T16:03:19+07:00',
      wait_duration: '00:00:07', wait_seconds: '7', talk_duration: '00:03:12', talk_seconds: '192', hold_duration: '00:00:12', hold_seconds: '12',
      wrap_up_duration: '00:00:30', wrap_up_seconds: '30', channel: 'Sales, Jakarta', contact: 'Budi "the boss", Jr.\nSecond line',
      agent: 'agent 1', direction: 'inbound', result: 'answered', has_recording: 'false',
    });
    expect((await exportGet('')).body).toContain('"Budi ""the boss"", Jr.\nSecond line"');
    await reportFixtures(app).settings(t.tenantId, { time_zone: 'America/New_York' });
    try {
      expect(records((await exportGet('')).body).find((x) => x.id === ids.answered)!.created_at).toBe('2026-03-02T04:00:00-05:00');
    } finally {
      await reportFixtures(app).settings(t.tenantId, {});
    }
  });

  it('defuses cells a spreadsheet would run as formulas', async () => {
    const r = records((await exportGet('')).body).find((x) => x.id === ids.formula)!;
    expect(r.contact).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(r.customer_number).toBe("'@SUM(A1)");
    expect(records((await exportGet('')).body).find((x) => x.id === ids.answered)!.customer_number).toBe("'+6281200000001");
  });

  it('takes the filters of GET /api/calls, or an advanced search in a POST', async () => {
    expect(records((await exportGet('?direction=outbound')).body).map((r) => r.id)).toEqual([ids.outbound]);
    expect(records((await exportGet(`?channel_id=${channelA}&from=2026-03-02T09:30:00Z`)).body).map((r) => r.id)).toEqual([ids.formula]);
    const posted = await exportPost({ match: 'any', conditions: [{ field: 'talk_seconds', op: 'gt', value: 100 }, { field: 'cost_minor', op: 'gte', value: 1_500 }] });
    expect(posted.statusCode).toBe(200);
    expect(posted.headers['content-disposition']).toMatch(/^attachment; /);
    expect(records(posted.body).map((r) => r.id)).toEqual([ids.outbound, ids.answered]);
    const bad = await exportPost({ conditions: [{ field: 'talk_seconds', op: 'contains', value: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.conditions.0.op');
    expect((await exportGet('?limit=10')).statusCode).toBe(400);
  });

  it('gives agents the calls of their channels only', async () => {
    expect(records((await exportGet('', t.agent)).body).map((r) => r.id)).toEqual([ids.formula, ids.answered]);
  });

  it(`exports ${BIG} records`, async () => {
    const res = await exportGet('', big.admin);
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n');
    expect(lines).toHaveLength(BIG + 2); // header, the records, and the empty string after the last CRLF
    expect(lines[1]).toContain("'+628120100000"); // newest first: call 100 000
    expect(lines[BIG]).toContain("'+628120000001");
    expect(new Set(lines.slice(1, -1).map((l) => l.split(',')[0])).size).toBe(BIG);
  }, 300_000);

  it('reads the records one page at a time as the response is consumed', async () => {
    let selects = 0;
    const counting: KyselyPlugin = {
      transformQuery(args) {
        if (args.node.kind === 'SelectQueryNode') selects++;
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    const consume = async (tenant: TestTenant, pageSize: number, chunksToRead: number) => {
      const service = createCallExport({ db: app.database.db.withPlugin(counting), clock: app.clock, pageSize });
      const { stream } = await service.csv({ userId: tenant.admin.id, tenantId: tenant.tenantId, role: 'admin' }, null);
      selects = 0;
      const seen: string[] = [];
      for await (const chunk of stream) {
        seen.push(String(chunk));
        if (seen.length === chunksToRead) break; // leaving the loop destroys the stream: no more pages are read
      }
      return seen;
    };
    // Three records, one per page: three pages and the empty one that ends the export.
    const all = await consume(t, 1, Infinity);
    expect(all.join('').split('\r\n')).toHaveLength(3 + 2);
    expect(selects).toBe(4);
    // The first bytes of the big export leave after a page or two, not after reading 100 000 records.
    const head = await consume(big, 1_000, 1);
    expect(head[0]).toMatch(/^id,created_at,channel/);
    expect(selects).toBeGreaterThan(0);
    expect(selects).toBeLessThanOrEqual(3);
  });
});
