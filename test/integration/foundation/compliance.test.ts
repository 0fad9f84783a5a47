import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';

describe('compliance lists', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const admin = () => as(app, t.admin);

  it('admins put numbers on the do-not-call, deny and allow lists, normalised to E.164', async () => {
    const dnc = await admin().post('/api/compliance/numbers', { list: 'do_not_call', phone_number: '+62 812-0000-1111', note: 'asked not to be called' });
    expect(dnc.status).toBe(201);
    expect(dnc.body).toMatchObject({ list: 'do_not_call', phone_number: '+6281200001111', country: 'ID', note: 'asked not to be called', created_by: t.admin.id });
    // The same number may be on several lists, but only once on each.
    expect((await admin().post('/api/compliance/numbers', { list: 'deny', phone_number: '6281200001111' })).status).toBe(201);
    const dup = await admin().post('/api/compliance/numbers', { list: 'do_not_call', phone_number: '+62 812 0000 1111' });
    expect(expectError(dup, 409, 'NUMBER_ALREADY_LISTED').details).toEqual({ list: 'do_not_call', phone_number: '+6281200001111' });
    await admin().post('/api/compliance/numbers', { list: 'allow', phone_number: '+65 9123 4567' });

    const all = (await admin().get('/api/compliance/numbers')).body.items;
    expect(all.map((n: { list: string }) => n.list).sort()).toEqual(['allow', 'deny', 'do_not_call']);
    const allow = (await admin().get('/api/compliance/numbers?list=allow')).body.items;
    expect(allow.map((n: { phone_number: string }) => n.phone_number)).toEqual(['+6591234567']);
  });

  it('refuses invalid numbers and unknown lists', async () => {
    const bad = await admin().post('/api/compliance/numbers', { list: 'deny', phone_number: '12345' });
    expectError(bad, 400, 'INVALID_PHONE_NUMBER');
    expect(issuePaths(bad)).toEqual(['body.phone_number']);
    expectError(await admin().post('/api/compliance/numbers', { list: 'vip', phone_number: '+6281200002222' }), 400, 'VALIDATION_FAILED');
    expectError(await admin().get('/api/compliance/numbers?list=vip'), 400, 'VALIDATION_FAILED');
  });

  it('removes an entry', async () => {
    const entry = (await admin().post('/api/compliance/numbers', { list: 'deny', phone_number: '+62 812 0000 3333' })).body;
    expect((await admin().get(`/api/compliance/numbers/${entry.id}`)).body.phone_number).toBe('+6281200003333');
    expect((await admin().delete(`/api/compliance/numbers/${entry.id}`)).status).toBe(204);
    expectError(await admin().get(`/api/compliance/numbers/${entry.id}`), 404, 'NOT_FOUND');
    expectError(await admin().delete(`/api/compliance/numbers/${entry.id}`), 404, 'NOT_FOUND');
  });

  it('pages through a long list', async () => {
    const tenant = await createTenant(app, { agents: 0 });
    for (let i = 0; i < 5; i++) await as(app, tenant.admin).post('/api/compliance/numbers', { list: 'do_not_call', phone_number: `+62 812 0001 ${1000 + i}` });
    const p1 = await as(app, tenant.admin).get('/api/compliance/numbers?limit=3');
    const p2 = await as(app, tenant.admin).get(`/api/compliance/numbers?limit=3&cursor=${p1.body.next_cursor}`);
    expect(p1.body.items).toHaveLength(3);
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.next_cursor).toBeNull();
    expect(new Set([...p1.body.items, ...p2.body.items].map((n: { id: string }) => n.id)).size).toBe(5);
  });

  it('allowed destination countries: replaced as a whole, empty allows all', async () => {
    expect((await admin().get('/api/compliance/countries')).body.items).toEqual([]);
    const put = await admin().put('/api/compliance/countries', { countries: ['id', 'SG', 'MY'] });
    expect(put.status).toBe(200);
    expect(put.body.items.map((c: { country: string }) => c.country)).toEqual(['ID', 'MY', 'SG']);
    await admin().put('/api/compliance/countries', { countries: ['SG', 'BR'] });
    expect((await admin().get('/api/compliance/countries')).body.items.map((c: { country: string }) => c.country)).toEqual(['BR', 'SG']);
    for (const countries of [['XX'], ['ID', 'id'], ['IDN']]) expectError(await admin().put('/api/compliance/countries', { countries }), 400, 'VALIDATION_FAILED');
    expect((await admin().put('/api/compliance/countries', { countries: [] })).body.items).toEqual([]);
  });

  it('only admins see or change the lists', async () => {
    expectError(await as(app, t.supervisor).get('/api/compliance/numbers'), 403, 'FORBIDDEN');
    expectError(await as(app, t.agent).put('/api/compliance/countries', { countries: [] }), 403, 'FORBIDDEN');
  });
});
