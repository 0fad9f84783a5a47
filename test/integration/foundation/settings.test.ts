import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, tenantSettingsSchema } from '../../../src/domain/settings.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';

describe('tenant settings', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  it('everyone reads the resolved values (defaults for what was never changed)', async () => {
    for (const user of [t.admin, t.supervisor, t.agent]) {
      const res = await as(app, user).get('/api/settings');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(defaultSettings())));
    }
    expect((await as(app, t.agent).get('/api/settings')).body).toMatchObject({ ring_timeout_s: 30, presence_grace_s: 60, minimum_balance_minor: 50_000, time_zone: 'Asia/Jakarta' });
  });

  it('admins change any subset; only the keys sent are stored', async () => {
    const res = await as(app, t.admin).patch('/api/settings', { ring_timeout_s: 45, billing_granularity: 'pulse_6s', time_zone: 'Asia/Singapore' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ring_timeout_s: 45, billing_granularity: 'pulse_6s', time_zone: 'Asia/Singapore', queue_max_wait_s: 120 });
    const row = await app.database.db.selectFrom('tenants').select('settings').where('id', '=', t.tenantId).executeTakeFirstOrThrow();
    expect(row.settings).toEqual({ ring_timeout_s: 45, billing_granularity: 'pulse_6s', time_zone: 'Asia/Singapore' });
    await as(app, t.admin).patch('/api/settings', { auto_pause_after_missed: 0 });
    expect((await as(app, t.agent).get('/api/settings')).body).toMatchObject({ ring_timeout_s: 45, auto_pause_after_missed: 0 });
  });

  it('refuses values out of bounds, wrong types, unknown keys and unknown time zones, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ring_timeout_s: 4 }, 'body.ring_timeout_s'],
      [{ ring_timeout_s: 121 }, 'body.ring_timeout_s'],
      [{ ring_timeout_s: 30.5 }, 'body.ring_timeout_s'],
      [{ force_auto_answer: 'yes' }, 'body.force_auto_answer'],
      [{ billing_granularity: 'per_second' }, 'body.billing_granularity'],
      [{ ring_timeout_s: 30, ringing_timeout: 30 }, 'body.ringing_timeout'],
      [{ time_zone: 'Mars/Olympus' }, 'body.time_zone'],
    ];
    const before = (await as(app, t.admin).get('/api/settings')).body;
    for (const [body, path] of cases) {
      const res = await as(app, t.admin).patch('/api/settings', body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(issuePaths(res), JSON.stringify(body)).toContain(path);
    }
    expect((await as(app, t.admin).get('/api/settings')).body).toEqual(before);
    expectError(await as(app, t.supervisor).patch('/api/settings', { ring_timeout_s: 40 }), 403, 'FORBIDDEN');
  });

  it('the schema endpoint describes every setting with its default, bounds and meaning', async () => {
    const res = await as(app, t.admin).get('/api/settings/schema');
    expect(res.status).toBe(200);
    const byKey = new Map<string, Record<string, unknown>>(res.body.items.map((i: { key: string }) => [i.key, i]));
    expect([...byKey.keys()].sort()).toEqual(Object.keys(tenantSettingsSchema.shape).sort());
    expect(byKey.get('ring_timeout_s')).toEqual({
      key: 'ring_timeout_s', type: 'integer', default: 30, minimum: 5, maximum: 120,
      description: 'Seconds an offer rings one agent before it counts as missed.',
    });
    expect(byKey.get('billing_granularity')).toMatchObject({ type: 'string', default: 'per_minute', enum: ['per_minute', 'pulse_6s'] });
    expect(byKey.get('force_auto_answer')).toMatchObject({ type: 'boolean', default: false });
    for (const item of byKey.values()) expect(String(item.description).length, String(item.key)).toBeGreaterThan(10);
  });
});
