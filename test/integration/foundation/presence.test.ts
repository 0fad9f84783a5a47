import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRESENCE_OFFLINE_TIMER } from '../../../src/app/presence/presence-service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant, type TestUser } from '../../support/fixtures.js';
import { connectDesk, type DeskClient, type DeskMessage } from './support/desk-socket.js';
import { expectError, issuePaths } from './support/expect-error.js';

describe('presence', () => {
  let app: TestApp;
  let base: string;
  let t: TestTenant;
  let other: TestTenant;
  let lunch: string;
  const open: DeskClient[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    base = await app.listen();
    t = await createTenant(app, { agents: 3 });
    other = await createTenant(app, { agents: 1 });
    lunch = (await as(app, t.agent).get('/api/pause-reasons')).body.items.find((r: { name: string }) => r.name === 'Lunch').id;
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await app.stop();
  });

  const desk = async (user: TestUser, how: 'token' | 'cookie' = 'token') => {
    const c = await connectDesk(base, how === 'token' ? { token: user.token } : { cookie: user.token });
    open.push(c);
    return c;
  };
  const history = async (user: TestUser) => (await as(app, t.supervisor).get(`/api/users/${user.id}/presence-history`)).body.items as { status: string; pause_reason_id: string | null; source: string; changed_by: string | null }[];
  const statusOf = async (user: TestUser) => (await as(app, t.admin).get(`/api/presence`)).body.items.find((p: { user_id: string }) => p.user_id === user.id).status as string;
  const isPresence = (user: TestUser, status: string) => (m: DeskMessage) => m.presence?.user_id === user.id && m.presence?.status === status;
  const offlineTimer = (user: TestUser) => app.scheduler.next(PRESENCE_OFFLINE_TIMER, user.id);
  const deskCount = async (user: TestUser) => (await app.database.db.selectFrom('desk_connections').select('id').where('user_id', '=', user.id).execute()).length;

  describe('PUT /api/me/presence', () => {
    it('each change writes a history row; repeating the same status writes none', async () => {
      const agent = t.agents[2]!;
      const api = as(app, agent);
      expect((await api.put('/api/me/presence', { status: 'available' })).body).toMatchObject({ status: 'available', effective_status: 'available' });
      expect((await api.put('/api/me/presence', { status: 'paused', pause_reason_id: lunch })).body).toMatchObject({ status: 'paused', pause_reason: 'Lunch' });
      await api.put('/api/me/presence', { status: 'after_call_work' });
      await api.put('/api/me/presence', { status: 'after_call_work' });
      await api.put('/api/me/presence', { status: 'offline' });
      const rows = await history(agent);
      expect(rows.map((r) => r.status)).toEqual(['offline', 'after_call_work', 'paused', 'available']);
      expect(rows[2]).toMatchObject({ pause_reason_id: lunch, source: 'user', changed_by: agent.id });
    });

    it('a pause needs a reason of the tenant; other statuses take none', async () => {
      const api = as(app, t.agent);
      const missing = await api.put('/api/me/presence', { status: 'paused' });
      expectError(missing, 400, 'VALIDATION_FAILED');
      expect(issuePaths(missing)).toEqual(['body.pause_reason_id']);
      const foreign = (await as(app, other.agent).get('/api/pause-reasons')).body.items[0].id;
      expectError(await api.put('/api/me/presence', { status: 'paused', pause_reason_id: foreign }), 404, 'NOT_FOUND');
      expectError(await api.put('/api/me/presence', { status: 'available', pause_reason_id: lunch }), 400, 'VALIDATION_FAILED');
      expectError(await api.put('/api/me/presence', { status: 'busy' }), 400, 'VALIDATION_FAILED');
    });

    it('supervisors set an agent\'s status, recorded as theirs', async () => {
      const agent = t.agents[1]!;
      const res = await as(app, t.supervisor).put(`/api/users/${agent.id}/presence`, { status: 'paused', pause_reason_id: lunch });
      expect(res.status).toBe(200);
      expect((await history(agent))[0]).toMatchObject({ status: 'paused', source: 'supervisor', changed_by: t.supervisor.id });
      expect(await statusOf(agent)).toBe('paused');
    });
  });

  describe('WebSocket /ws', () => {
    it('authenticates with ?token= or the session cookie, and refuses without', async () => {
      const byToken = await desk(t.agent);
      expect(byToken.messages[0]).toMatchObject({ type: 'session.ready', user_id: t.agent.id, role: 'agent' });
      const byCookie = await desk(t.supervisor, 'cookie');
      expect(byCookie.messages[0]).toMatchObject({ type: 'session.ready', user_id: t.supervisor.id, role: 'supervisor' });
      const anon = await connectDesk(base, { token: 'sb_not-a-token' }, { ready: false });
      expect((await anon.closed).code).toBe(4401);
      expect(anon.messages[0]).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
      await byToken.close();
      await byCookie.close();
    });

    it('presence.changed goes to the tenant\'s supervisors and admins and the agent, not to other agents or other tenants', async () => {
      const [agent, peer] = t.agents as [TestUser, TestUser];
      const sockets = {
        supervisor: await desk(t.supervisor), admin: await desk(t.admin), self: await desk(agent),
        peer: await desk(peer), otherSupervisor: await desk(other.supervisor), otherAdmin: await desk(other.admin),
      };
      await as(app, agent).put('/api/me/presence', { status: 'paused', pause_reason_id: lunch });
      for (const c of [sockets.supervisor, sockets.admin, sockets.self]) {
        const m = await c.next('presence.changed', isPresence(agent, 'paused'));
        expect(m.presence).toMatchObject({ user_id: agent.id, status: 'paused', pause_reason: 'Lunch' });
      }
      for (const c of [sockets.peer, sockets.otherSupervisor, sockets.otherAdmin]) {
        await c.sync();
        expect(c.messages.filter((m) => m.type === 'presence.changed' && m.presence.user_id === agent.id)).toEqual([]);
      }
      await Promise.all(Object.values(sockets).map((c) => c.close()));
    });
  });

  describe('closing the desk', () => {
    it('an agent whose last desk closed goes offline after the grace period (60 s)', async () => {
      const agent = t.agents[0]!;
      await as(app, agent).put('/api/me/presence', { status: 'available' });
      const watcher = await desk(t.supervisor);
      const first = await desk(agent);
      const second = await desk(agent);
      await first.close();
      // Another desk is still open: once the first one's close is booked, there is no timer.
      await vi.waitFor(async () => expect(await deskCount(agent)).toBe(1));
      expect(await offlineTimer(agent)).toBeNull();
      await second.close();
      await vi.waitFor(async () => expect(await offlineTimer(agent)).not.toBeNull());

      await app.tick(59_000);
      expect(await statusOf(agent)).toBe('available');
      await app.tick(1_000);
      expect(await statusOf(agent)).toBe('offline');
      const m = await watcher.next('presence.changed', isPresence(agent, 'offline'));
      expect(m.presence.status).toBe('offline');
      expect((await history(agent))[0]).toMatchObject({ status: 'offline', source: 'desk_closed', changed_by: null });
      await watcher.close();
    });

    it('reconnecting within the grace period cancels it', async () => {
      const agent = t.agents[0]!;
      await as(app, agent).put('/api/me/presence', { status: 'available' });
      await (await desk(agent)).close();
      await vi.waitFor(async () => expect(await offlineTimer(agent)).not.toBeNull());
      await app.tick(30_000);
      const back = await desk(agent);
      expect(await offlineTimer(agent)).toBeNull();
      await app.tick(60_000);
      expect(await statusOf(agent)).toBe('available');
      await back.close();
    });

    it('follows the tenant\'s presence_grace_s setting', async () => {
      const agent = t.agents[1]!;
      await as(app, t.admin).patch('/api/settings', { presence_grace_s: 10 });
      await as(app, agent).put('/api/me/presence', { status: 'available' });
      await (await desk(agent)).close();
      await vi.waitFor(async () => expect(await offlineTimer(agent)).not.toBeNull());
      await app.tick(9_000);
      expect(await statusOf(agent)).toBe('available');
      await app.tick(1_000);
      expect(await statusOf(agent)).toBe('offline');
    });
  });
});
