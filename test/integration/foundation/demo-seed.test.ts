import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo } from '../../../src/app/demo/seed-demo.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as } from '../../support/fixtures.js';

describe('demo seed', () => {
  let app: TestApp;
  let tenantId: string;
  let token: string;
  beforeAll(async () => {
    app = await createTestApp();
    const seeded = await seedDemo({ db: app.database.db, clock: app.clock, ids: app.ids, log: app.log });
    expect(seeded.created).toBe(true);
    tenantId = seeded.tenantId;
    const login = await app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@demo.test', password: DEMO.password } });
    token = login.json().token;
  });
  afterAll(async () => app.stop());

  it('meets the calling prerequisites its voice-enabled channel needs: a rate table and an opening top-up through the ledger', async () => {
    const admin = as(app, { token });
    const rates = await admin.get('/api/billing/rates');
    expect(rates.body.currency).toBe('IDR');
    expect(rates.body.items.map((r: { country: string }) => r.country)).toEqual(['*', 'BR', 'ID', 'IN', 'MY', 'SG']);
    expect((await admin.get('/api/billing/balance')).body).toMatchObject({ balance_minor: 1_000_000, currency: 'IDR', below_minimum: false });
    const ledger = (await admin.get('/api/billing/ledger')).body.items;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'top_up', amount_minor: 1_000_000, balance_after_minor: 1_000_000, call_id: null });

    const channel = (await admin.get('/api/channels')).body.items[0];
    expect(channel).toMatchObject({ display_number: '+622150000001', country: 'ID', phone_number_id: DEMO.channel.phone_number_id, voice_calling_enabled: true, has_access_token: true });
    // Switching voice calling off and on again is allowed, because the prerequisites hold.
    expect((await admin.patch(`/api/channels/${channel.id}`, { voice_calling_enabled: false })).status).toBe(200);
    expect((await admin.patch(`/api/channels/${channel.id}`, { voice_calling_enabled: true })).body.voice_calling_enabled).toBe(true);
  });

  it('seeding again changes nothing', async () => {
    const again = await seedDemo({ db: app.database.db, clock: app.clock, ids: app.ids, log: app.log });
    expect(again).toEqual({ created: false, tenantId });
    const rows = await app.database.db.selectFrom('ledger_entries').select('id').where('tenant_id', '=', tenantId).execute();
    expect(rows).toHaveLength(1);
  });
});
