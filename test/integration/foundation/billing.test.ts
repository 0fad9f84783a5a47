import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';
import { tenantChecksum } from './support/tenant-checksum.js';

describe('billing admin', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const admin = () => as(app, t.admin);

  describe('rates', () => {
    it('replace the whole table: per-country per-minute rates in minor units, * for the rest', async () => {
      expect((await admin().get('/api/billing/rates')).body).toEqual({ currency: 'IDR', items: [] });
      const put = await admin().put('/api/billing/rates', { rates: [{ country: 'sg', rate_per_minute_minor: 2500 }, { country: '*', rate_per_minute_minor: 4000 }, { country: 'ID', rate_per_minute_minor: 1000 }] });
      expect(put.status).toBe(200);
      expect(put.body.items).toEqual([
        { country: '*', rate_per_minute_minor: 4000 }, { country: 'ID', rate_per_minute_minor: 1000 }, { country: 'SG', rate_per_minute_minor: 2500 },
      ]);
      await admin().put('/api/billing/rates', { rates: [{ country: 'MY', rate_per_minute_minor: 1800 }] });
      expect((await as(app, t.supervisor).get('/api/billing/rates')).body.items).toEqual([{ country: 'MY', rate_per_minute_minor: 1800 }]);
    });

    it('refuses duplicates, unknown countries, fractions and negatives', async () => {
      const before = (await admin().get('/api/billing/rates')).body;
      const cases: [unknown, string][] = [
        [[{ country: 'ID', rate_per_minute_minor: 1 }, { country: 'id', rate_per_minute_minor: 2 }], 'body.rates'],
        [[{ country: 'XX', rate_per_minute_minor: 1 }], 'body.rates.0.country'],
        [[{ country: 'IDN', rate_per_minute_minor: 1 }], 'body.rates.0.country'],
        [[{ country: 'ID', rate_per_minute_minor: 1.5 }], 'body.rates.0.rate_per_minute_minor'],
        [[{ country: 'ID', rate_per_minute_minor: -1 }], 'body.rates.0.rate_per_minute_minor'],
      ];
      for (const [rates, path] of cases) {
        const res = await admin().put('/api/billing/rates', { rates });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(issuePaths(res)).toContain(path);
      }
      expect((await admin().get('/api/billing/rates')).body).toEqual(before);
    });
  });

  describe('balance and top-ups', () => {
    it('a new tenant has no balance; everyone sees who to ask for a top-up (the admins)', async () => {
      const tenant = await createTenant(app, { agents: 1 });
      const res = await as(app, tenant.agent).get('/api/billing/balance');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ balance_minor: 0, currency: 'IDR', minimum_balance_minor: 50_000, minimum_top_up_minor: 50_000, below_minimum: true, updated_at: null });
      expect(res.body.top_up_contacts).toEqual([{ id: tenant.admin.id, name: 'admin 0', email: tenant.admin.email }]);
    });

    it('refuses a top-up below the minimum and writes nothing', async () => {
      const tenant = await createTenant(app, { agents: 0 });
      const before = await tenantChecksum(app, tenant.tenantId);
      const err = expectError(await as(app, tenant.admin).post('/api/billing/top-ups', { amount_minor: 49_999 }), 400, 'TOP_UP_TOO_SMALL');
      expect(err.details).toEqual({ amount_minor: 49_999, minimum_minor: 50_000 });
      expect(await tenantChecksum(app, tenant.tenantId)).toBe(before);
      // The minimum is a tenant setting.
      await as(app, tenant.admin).patch('/api/settings', { minimum_top_up_minor: 10_000 });
      expect((await as(app, tenant.admin).post('/api/billing/top-ups', { amount_minor: 10_000 })).status).toBe(201);
    });

    it('a top-up writes a ledger row and the new balance together', async () => {
      const tenant = await createTenant(app, { agents: 1 });
      const api = as(app, tenant.admin);
      const first = await api.post('/api/billing/top-ups', { amount_minor: 100_000, note: 'Invoice 17' });
      expect(first.status).toBe(201);
      expect(first.body.balance_minor).toBe(100_000);
      expect(first.body.entry).toMatchObject({ kind: 'top_up', amount_minor: 100_000, balance_after_minor: 100_000, currency: 'IDR', call_id: null, note: 'Invoice 17', created_by: tenant.admin.id });
      await api.post('/api/billing/top-ups', { amount_minor: 50_000 });
      const balance = await as(app, tenant.agent).get('/api/billing/balance');
      expect(balance.body).toMatchObject({ balance_minor: 150_000, below_minimum: false });
      const rows = await app.database.db.selectFrom('ledger_entries').select(['amount_minor', 'balance_after_minor']).where('tenant_id', '=', tenant.tenantId).orderBy('balance_after_minor').execute();
      expect(rows).toEqual([{ amount_minor: 100_000, balance_after_minor: 100_000 }, { amount_minor: 50_000, balance_after_minor: 150_000 }]);
      expectError(await as(app, tenant.supervisor).post('/api/billing/top-ups', { amount_minor: 100_000 }), 403, 'FORBIDDEN');
    });

    it('concurrent top-ups apply one after the other (the balance row is locked)', async () => {
      const tenant = await createTenant(app, { agents: 0 });
      const amounts = [60_000, 70_000, 80_000, 90_000, 100_000];
      const results = await Promise.all(amounts.map((amount_minor) => as(app, tenant.admin).post('/api/billing/top-ups', { amount_minor })));
      expect(results.map((r) => r.status)).toEqual(amounts.map(() => 201));
      const total = amounts.reduce((a, b) => a + b, 0);
      expect((await as(app, tenant.admin).get('/api/billing/balance')).body.balance_minor).toBe(total);
      // Every row's balance_after is the previous one plus its amount: no lost update.
      const rows = await app.database.db.selectFrom('ledger_entries').select(['amount_minor', 'balance_after_minor']).where('tenant_id', '=', tenant.tenantId).orderBy('balance_after_minor').execute();
      let running = 0;
      for (const r of rows) {
        running += r.amount_minor;
        expect(r.balance_after_minor).toBe(running);
      }
      expect(running).toBe(total);
    });
  });

  describe('ledger', () => {
    it('lists every balance change newest first, with cursor pages; call charges name their call_id', async () => {
      const tenant = await createTenant(app, { agents: 0 });
      const api = as(app, tenant.admin);
      for (const amount_minor of [50_000, 60_000, 70_000]) {
        await api.post('/api/billing/top-ups', { amount_minor });
        app.clock.advance(1000);
      }
      const callId = crypto.randomUUID();
      await app.database.db.insertInto('ledger_entries').values({
        id: app.ids.next(), tenant_id: tenant.tenantId, kind: 'call_charge', amount_minor: -3_000, balance_after_minor: 177_000,
        call_id: callId, note: null, created_by: null, created_at: app.clock.now(),
      }).execute();

      const page1 = await as(app, tenant.supervisor).get('/api/billing/ledger?limit=2');
      expect(page1.body.items.map((e: { amount_minor: number }) => e.amount_minor)).toEqual([-3_000, 70_000]);
      expect(page1.body.items[0]).toMatchObject({ kind: 'call_charge', call_id: callId, currency: 'IDR' });
      const page2 = await as(app, tenant.supervisor).get(`/api/billing/ledger?limit=2&cursor=${page1.body.next_cursor}`);
      expect(page2.body.items.map((e: { amount_minor: number }) => e.amount_minor)).toEqual([60_000, 50_000]);
      expect(page2.body.next_cursor).toBeNull();

      const byCall = await api.get(`/api/billing/ledger?call_id=${callId}`);
      expect(byCall.body.items).toHaveLength(1);
      expect((await api.get('/api/billing/ledger?kind=top_up')).body.items).toHaveLength(3);
      expectError(await as(app, tenant.supervisor).get('/api/billing/ledger?kind=refund'), 400, 'VALIDATION_FAILED');
    });
  });
});
