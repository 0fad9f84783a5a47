import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';

describe('contacts', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const agent = () => as(app, t.agent);

  it('normalises numbers to E.164 and derives the country from the number', async () => {
    const cases: [string, string, string | null][] = [
      ['+62 812-3456-7890', '+6281234567890', 'ID'],
      ['6591234567', '+6591234567', 'SG'],
      ['+44 (20) 7946 0958', '+442079460958', 'GB'],
      ['+1 416 555 0123', '+14165550123', 'CA'],
      ['+1 (202) 555-0143', '+12025550143', 'US'],
    ];
    for (const [input, e164, country] of cases) {
      const res = await agent().post('/api/contacts', { phone_number: input, name: `C ${input}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ phone_number: e164, country });
    }
  });

  it('refuses numbers that are not valid international numbers', async () => {
    for (const input of ['+62 12', '+999 1234 5678', 'call me maybe', '+1 555 0100', '0812 3456 7890']) {
      const res = await agent().post('/api/contacts', { phone_number: input });
      expectError(res, 400, 'INVALID_PHONE_NUMBER');
      expect(issuePaths(res)).toEqual(['body.phone_number']);
    }
  });

  it('one contact per number: another spelling of the same number is a duplicate', async () => {
    const first = await agent().post('/api/contacts', { phone_number: '+62 813 1111 2222', name: 'Rina' });
    const dup = await as(app, t.supervisor).post('/api/contacts', { phone_number: '6281311112222' });
    expect(expectError(dup, 409, 'CONTACT_EXISTS').details).toEqual({ contact_id: first.body.id, phone_number: '+6281311112222' });
    // Changing another contact to that number is refused the same way.
    const other = await agent().post('/api/contacts', { phone_number: '+62 813 1111 3333' });
    expectError(await agent().patch(`/api/contacts/${other.body.id}`, { phone_number: '+62 813-1111-2222' }), 409, 'CONTACT_EXISTS');
    // Another tenant may have the same customer.
    const tenant2 = await createTenant(app, { agents: 1 });
    expect((await as(app, tenant2.agent).post('/api/contacts', { phone_number: '+62 813 1111 2222' })).status).toBe(201);
  });

  it('searches by name or by digits of the number; LIKE wildcards are taken literally', async () => {
    const tenant = await createTenant(app, { agents: 1 });
    const api = as(app, tenant.agent);
    const siti = (await api.post('/api/contacts', { phone_number: '+62 811 2000 1001', name: 'Siti Rahma' })).body.id;
    const budi = (await api.post('/api/contacts', { phone_number: '+62 811 2000 2002', name: 'Budi 100%' })).body.id;
    const ids = async (q: string) => (await api.get(`/api/contacts?q=${encodeURIComponent(q)}`)).body.items.map((c: { id: string }) => c.id).sort();
    expect(await ids('siti')).toEqual([siti]);
    expect(await ids('RAHMA')).toEqual([siti]);
    expect(await ids('2000 2002')).toEqual([budi]);
    expect(await ids('+62 811 2000')).toEqual([siti, budi].sort());
    expect(await ids('100%')).toEqual([budi]);
    expect(await ids('%')).toEqual([budi]);
    expect(await ids('_')).toEqual([]);
    expect(await ids('nobody')).toEqual([]);
  });

  it('pages with a cursor: {items, next_cursor}', async () => {
    const tenant = await createTenant(app, { agents: 1 });
    const api = as(app, tenant.agent);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await api.post('/api/contacts', { phone_number: `+62 811 3000 ${String(1000 + i)}` })).body.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; next_cursor: string | null } } = await api.get(`/api/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen.sort()).toEqual(made.sort());
    expectError(await api.get('/api/contacts?cursor=not-an-id'), 400, 'VALIDATION_FAILED');
    expectError(await api.get('/api/contacts?limit=0'), 400, 'VALIDATION_FAILED');
  });

  it('edits name, notes and number; staff delete', async () => {
    const c = (await agent().post('/api/contacts', { phone_number: '+62 811 4000 1000', name: 'Old' })).body;
    const res = await agent().patch(`/api/contacts/${c.id}`, { name: 'New', notes: 'VIP', phone_number: '+65 9123 0000' });
    expect(res.body).toMatchObject({ name: 'New', notes: 'VIP', phone_number: '+6591230000', country: 'SG' });
    expect((await agent().patch(`/api/contacts/${c.id}`, { name: null })).body.name).toBeNull();
    expectError(await agent().delete(`/api/contacts/${c.id}`), 403, 'FORBIDDEN');
    expect((await as(app, t.supervisor).delete(`/api/contacts/${c.id}`)).status).toBe(204);
    expectError(await agent().get(`/api/contacts/${c.id}`), 404, 'NOT_FOUND');
  });
});
