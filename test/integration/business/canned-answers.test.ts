import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { insertChannel } from './support.js';

/** Canned answers (SPEC §10): general and per-channel ones, blended and searchable, each marked with its scope. */
describe('canned answers', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let sales: string;
  let billing: string;

  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 1 });
    other = await createTenant(app, { agents: 1 });
    sales = await insertChannel(app, t.tenantId, 'Sales', { members: [t.agent.id] });
    billing = await insertChannel(app, t.tenantId, 'Billing');
    const admin = as(app, t.admin);
    const sup = as(app, t.supervisor);
    expect((await admin.post('/api/canned-answers', { title: 'Greeting', body: 'Hello! How can we help?', shortcut: '/hi' })).status).toBe(201);
    expect((await admin.post('/api/canned-answers', { title: 'Closing', body: 'Thanks for calling, have a good day.' })).status).toBe(201);
    expect((await sup.post('/api/canned-answers', { title: 'Price list', body: 'Our prices start at Rp 100.000 (50% off).', channel_id: sales })).status).toBe(201);
    expect((await sup.post('/api/canned-answers', { title: 'Invoice copy', body: 'We will email your invoice.', channel_id: billing })).status).toBe(201);
    await as(app, other.admin).post('/api/canned-answers', { title: 'Greeting', body: 'Other tenant says hi' });
  });
  afterAll(async () => app.stop());

  const titles = (body: { items: { title: string }[] }) => body.items.map((a) => a.title);

  it('with a channel: the general answers and that channel\'s, blended by title, each marked with its scope', async () => {
    const r = await as(app, t.agent).get(`/api/canned-answers?channel_id=${sales}`);
    expect(r.status).toBe(200);
    expect(titles(r.body)).toEqual(['Closing', 'Greeting', 'Price list']);
    expect(r.body.items.map((a: { scope: string }) => a.scope)).toEqual(['general', 'general', 'channel']);
    expect(r.body.items[2]).toMatchObject({ channel_id: sales, channel_name: 'Sales' });
    expect(r.body.items[1]).toMatchObject({ channel_id: null, shortcut: '/hi' });
  });

  it('without a channel: general plus every channel the user sees (agents: theirs only)', async () => {
    expect(titles((await as(app, t.agent).get('/api/canned-answers')).body)).toEqual(['Closing', 'Greeting', 'Price list']);
    expect(titles((await as(app, t.supervisor).get('/api/canned-answers')).body)).toEqual(['Closing', 'Greeting', 'Invoice copy', 'Price list']);
    expect(titles((await as(app, t.supervisor).get('/api/canned-answers?scope=channel')).body)).toEqual(['Invoice copy', 'Price list']);
    expect((await as(app, t.agent).get(`/api/canned-answers?channel_id=${billing}`)).status).toBe(404);
  });

  it('search matches title, body or shortcut, case-insensitively; LIKE characters are literal', async () => {
    const agent = as(app, t.agent);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=THANKS`)).body)).toEqual(['Closing']);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=${encodeURIComponent('/hi')}`)).body)).toEqual(['Greeting']);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=price`)).body)).toEqual(['Price list']);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=${encodeURIComponent('50%')}`)).body)).toEqual(['Price list']);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=${encodeURIComponent('%')}`)).body)).toEqual(['Price list']);
    expect(titles((await agent.get(`/api/canned-answers?channel_id=${sales}&q=_`)).body)).toEqual([]);
    expect(titles((await agent.get(`/api/canned-answers?q=invoice`)).body)).toEqual([]);
  });

  it('pages by title with a cursor', async () => {
    const p1 = (await as(app, t.supervisor).get('/api/canned-answers?limit=3')).body;
    expect(titles(p1)).toEqual(['Closing', 'Greeting', 'Invoice copy']);
    const p2 = (await as(app, t.supervisor).get(`/api/canned-answers?limit=3&cursor=${p1.next_cursor}`)).body;
    expect(titles(p2)).toEqual(['Price list']);
    expect(p2.next_cursor).toBeNull();
  });

  it('admins manage general answers; supervisors manage channel ones only; agents manage none', async () => {
    const sup = as(app, t.supervisor);
    const general = await sup.post('/api/canned-answers', { title: 'Hours', body: 'We are open 9-5.' });
    expect(general.status).toBe(403);
    expect(general.body.error.code).toBe('FORBIDDEN');
    expect((await as(app, t.agent).post('/api/canned-answers', { title: 'Mine', body: 'x', channel_id: sales })).status).toBe(403);
    const greeting = (await sup.get('/api/canned-answers?q=greeting')).body.items[0];
    expect((await sup.patch(`/api/canned-answers/${greeting.id}`, { body: 'Hi' })).status).toBe(403);
    expect((await sup.delete(`/api/canned-answers/${greeting.id}`)).status).toBe(403);
    const price = (await sup.get('/api/canned-answers?q=price')).body.items[0];
    const changed = await sup.patch(`/api/canned-answers/${price.id}`, { body: 'Prices start at Rp 90.000.', shortcut: '/price' });
    expect(changed.body).toMatchObject({ body: 'Prices start at Rp 90.000.', shortcut: '/price', scope: 'channel', channel_id: sales });
    expect((await sup.post('/api/canned-answers', { title: 'price LIST', body: 'dup', channel_id: sales })).body.error.code).toBe('DUPLICATE_NAME');
    // The same title in another scope is fine.
    const same = await sup.post('/api/canned-answers', { title: 'Price list', body: 'Billing prices', channel_id: billing });
    expect(same.status).toBe(201);
    expect((await sup.delete(`/api/canned-answers/${same.body.id}`)).status).toBe(204);
    expect((await sup.get(`/api/canned-answers/${same.body.id}`)).status).toBe(404);
  });

  it('tenant isolation: another tenant\'s answers and channels are invisible', async () => {
    const mine = (await as(app, t.admin).get('/api/canned-answers?q=greeting')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0].body).not.toContain('Other tenant');
    expect((await as(app, other.admin).get(`/api/canned-answers/${mine[0].id}`)).status).toBe(404);
    expect((await as(app, other.admin).patch(`/api/canned-answers/${mine[0].id}`, { body: 'hijack' })).status).toBe(404);
    expect((await as(app, other.admin).get(`/api/canned-answers?channel_id=${sales}`)).status).toBe(404);
    expect((await as(app, other.admin).post('/api/canned-answers', { title: 'X', body: 'y', channel_id: sales })).status).toBe(404);
  });
});
