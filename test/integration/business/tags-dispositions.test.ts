import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { insertChannel } from './support.js';

/** The tenant's tag list and each channel's dispositions: admins write, everyone reads (agents: their channels). */
describe('tags and dispositions', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let mine: string;
  let notMine: string;

  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 1 });
    other = await createTenant(app, { agents: 1 });
    mine = await insertChannel(app, t.tenantId, 'Sales', { members: [t.agent.id] });
    notMine = await insertChannel(app, t.tenantId, 'Billing');
  });
  afterAll(async () => app.stop());

  it('tags: admins add, rename and delete; names are unique per tenant ignoring case; everyone lists them', async () => {
    const admin = as(app, t.admin);
    const vip = await admin.post('/api/tags', { name: 'VIP' });
    expect(vip.status).toBe(201);
    await admin.post('/api/tags', { name: 'angry' });
    expect((await admin.post('/api/tags', { name: 'vip' })).body.error.code).toBe('DUPLICATE_NAME');
    expect((await as(app, other.admin).post('/api/tags', { name: 'VIP' })).status).toBe(201);
    expect((await admin.patch(`/api/tags/${vip.body.id}`, { name: 'Very important' })).body.name).toBe('Very important');
    for (const u of [t.agent, t.supervisor]) {
      expect((await as(app, u).get('/api/tags')).body.items.map((x: { name: string }) => x.name)).toEqual(['angry', 'Very important']);
    }
    expect((await as(app, t.supervisor).post('/api/tags', { name: 'Nope' })).status).toBe(403);
    expect((await as(app, t.agent).delete(`/api/tags/${vip.body.id}`)).status).toBe(403);
    expect((await as(app, other.admin).get(`/api/tags/${vip.body.id}`)).status).toBe(404);
    expect((await as(app, other.admin).delete(`/api/tags/${vip.body.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/tags/${vip.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/tags/${vip.body.id}`)).status).toBe(404);
    expect((await admin.post('/api/tags', { name: '  ' })).status).toBe(400);
  });

  it('dispositions belong to one channel; the same name may exist on another channel', async () => {
    const admin = as(app, t.admin);
    const sale = await admin.post(`/api/channels/${mine}/dispositions`, { name: 'Sale' });
    expect(sale.status).toBe(201);
    expect(sale.body).toMatchObject({ channel_id: mine, name: 'Sale' });
    expect((await admin.post(`/api/channels/${mine}/dispositions`, { name: 'SALE' })).body.error.code).toBe('DUPLICATE_NAME');
    expect((await admin.post(`/api/channels/${notMine}/dispositions`, { name: 'Sale' })).status).toBe(201);
    await admin.post(`/api/channels/${mine}/dispositions`, { name: 'Call back later' });
    // Renaming or deleting through the wrong channel finds nothing.
    expect((await admin.patch(`/api/channels/${notMine}/dispositions/${sale.body.id}`, { name: 'X' })).status).toBe(404);
    expect((await admin.delete(`/api/channels/${notMine}/dispositions/${sale.body.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/channels/${mine}/dispositions/${sale.body.id}`, { name: 'Sold' })).body.name).toBe('Sold');
    expect((await as(app, t.agent).get(`/api/channels/${mine}/dispositions`)).body.items.map((d: { name: string }) => d.name)).toEqual(['Call back later', 'Sold']);
  });

  it('agents read the dispositions of their channels only; only admins write; other tenants see nothing', async () => {
    expect((await as(app, t.agent).get(`/api/channels/${notMine}/dispositions`)).status).toBe(404);
    expect((await as(app, t.supervisor).get(`/api/channels/${notMine}/dispositions`)).status).toBe(200);
    expect((await as(app, t.supervisor).post(`/api/channels/${mine}/dispositions`, { name: 'Lost' })).status).toBe(403);
    expect((await as(app, t.agent).post(`/api/channels/${mine}/dispositions`, { name: 'Lost' })).status).toBe(403);
    expect((await as(app, other.admin).get(`/api/channels/${mine}/dispositions`)).status).toBe(404);
    expect((await as(app, other.admin).post(`/api/channels/${mine}/dispositions`, { name: 'Sneaky' })).status).toBe(404);
    expect((await as(app, t.admin).get(`/api/channels/${mine}/dispositions`)).body.items.map((d: { name: string }) => d.name)).not.toContain('Sneaky');
  });
});
