import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError } from './support/expect-error.js';

describe('pause reasons', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const names = async () => (await as(app, t.agent).get('/api/pause-reasons')).body.items.map((r: { name: string }) => r.name);

  it('every tenant starts with the standard reasons; everyone reads them', async () => {
    const res = await as(app, t.agent).get('/api/pause-reasons');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Lunch', 'Training', 'Break', 'Missed calls']));
    expect(res.body.items.find((r: { name: string }) => r.name === 'Missed calls').system_key).toBe('missed_calls');
    expect(res.body.items.find((r: { name: string }) => r.name === 'Lunch').system_key).toBeNull();
  });

  it('admins add and rename reasons; names are unique whatever the case', async () => {
    const created = await as(app, t.admin).post('/api/pause-reasons', { name: 'Meeting' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Meeting', system_key: null });
    expectError(await as(app, t.admin).post('/api/pause-reasons', { name: 'meeting' }), 409, 'DUPLICATE_NAME');
    expectError(await as(app, t.admin).patch(`/api/pause-reasons/${created.body.id}`, { name: 'LUNCH' }), 409, 'DUPLICATE_NAME');
    expect((await as(app, t.admin).patch(`/api/pause-reasons/${created.body.id}`, { name: 'Team meeting' })).body.name).toBe('Team meeting');
    expect(await names()).toContain('Team meeting');
    expectError(await as(app, t.supervisor).post('/api/pause-reasons', { name: 'Nap' }), 403, 'FORBIDDEN');
  });

  it('system reasons cannot be deleted', async () => {
    const missed = (await as(app, t.admin).get('/api/pause-reasons')).body.items.find((r: { system_key: string | null }) => r.system_key === 'missed_calls');
    const err = expectError(await as(app, t.admin).delete(`/api/pause-reasons/${missed.id}`), 409, 'SYSTEM_PAUSE_REASON');
    expect(err.details).toEqual({ system_key: 'missed_calls' });
    expect(await names()).toContain('Missed calls');
  });

  it('deleting a reason in use leaves the agent paused without a reason; history keeps the id', async () => {
    const reason = (await as(app, t.admin).post('/api/pause-reasons', { name: 'Prayer' })).body;
    const paused = await as(app, t.agent).put('/api/me/presence', { status: 'paused', pause_reason_id: reason.id });
    expect(paused.body).toMatchObject({ status: 'paused', pause_reason_id: reason.id, pause_reason: 'Prayer' });
    expect((await as(app, t.admin).delete(`/api/pause-reasons/${reason.id}`)).status).toBe(204);
    const now = await as(app, t.agent).get('/api/me/presence');
    expect(now.body).toMatchObject({ status: 'paused', pause_reason_id: null, pause_reason: null });
    const history = await as(app, t.supervisor).get(`/api/users/${t.agent.id}/presence-history`);
    expect(history.body.items[0]).toMatchObject({ status: 'paused', pause_reason_id: reason.id });
    expectError(await as(app, t.agent).get(`/api/pause-reasons/${reason.id}`), 404, 'NOT_FOUND');
    // It can no longer be chosen.
    expectError(await as(app, t.agent).put('/api/me/presence', { status: 'paused', pause_reason_id: reason.id }), 404, 'NOT_FOUND');
  });
});
