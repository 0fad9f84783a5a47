import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';

describe('auth', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  it('signs in with a password, answering a token and an httpOnly SameSite cookie', async () => {
    const res = await login(t.agent.email, t.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^sb_/);
    expect(body.user).toMatchObject({ id: t.agent.id, role: 'agent', email: t.agent.email });
    expect(body.user.password_hash).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`sb_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // The cookie alone authenticates the web app.
    const me = await app.http.inject({ method: 'GET', url: '/api/me', cookies: { sb_session: body.token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(t.agent.id);
  });

  it('stores only scrypt hashes, never the password', async () => {
    const row = await app.database.db.selectFrom('users').select('password_hash').where('id', '=', t.agent.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(t.password);
  });

  it('rejects a wrong password and an unknown email the same way', async () => {
    const a = await login(t.agent.email, 'wrong password');
    const b = await login('nobody@test.example', 'wrong password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('bearer tokens work everywhere and logout revokes them', async () => {
    const res = await login(t.supervisor.email, t.password, '10.0.0.9');
    const token = res.json().token as string;
    const api = as(app, { token });
    expect((await api.get('/api/me')).status).toBe(200);
    expect((await api.post('/api/auth/logout')).status).toBe(204);
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await api.get('/api/me')).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('API tokens for integrations are shown once and authenticate', async () => {
    const created = await as(app, t.admin).post('/api/me/tokens', { name: 'CRM sync' });
    expect(created.status).toBe(201);
    expect((await as(app, { token: created.body.token }).get('/api/me')).body.user.id).toBe(t.admin.id);
  });

  it('sessions expire after their lifetime (injected clock)', async () => {
    const res = await login(t.agents[1]!.email, t.password, '10.0.0.7');
    const api = as(app, { token: res.json().token });
    expect((await api.get('/api/me')).status).toBe(200);
    app.clock.advance(app.config.sessionTtlHours * 3_600_000 + 1000);
    expect((await api.get('/api/me')).status).toBe(401);
  });

  it('throttles failed logins per account: the 11th attempt in 15 min is 429 even with the right password', async () => {
    const victim = (await createTenant(app)).agent;
    for (let i = 0; i < 10; i++) {
      const r = await login(victim.email, 'bad password', `10.1.0.${i}`);
      expect(r.statusCode).toBe(401);
    }
    const blocked = await login(victim.email, t.password, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('LOGIN_THROTTLED');
    expect(blocked.json().error.details.retry_after_s).toBeGreaterThan(0);
    // After the window the right password works again.
    app.clock.advance(15 * 60_000 + 1000);
    expect((await login(victim.email, t.password, '10.1.1.1')).statusCode).toBe(200);
  });

  it('throttles failed logins per address across accounts', async () => {
    for (let i = 0; i < 10; i++) await login(`ghost${i}@test.example`, 'bad', '10.2.0.1');
    const r = await login(t.agent.email, t.password, '10.2.0.1');
    expect(r.statusCode).toBe(429);
    expect((await login(t.agent.email, t.password, '10.2.0.2')).statusCode).toBe(200);
  });

  it('a disabled user cannot sign in and loses existing sessions', async () => {
    const victim = (await createTenant(app)).agent;
    const admin = (await app.database.db.selectFrom('users').select(['id']).where('tenant_id', '=', victim.tenantId).where('role', '=', 'admin').executeTakeFirstOrThrow());
    const adminLogin = await app.database.db.selectFrom('users').select('email').where('id', '=', admin.id).executeTakeFirstOrThrow();
    const adminToken = (await login(adminLogin.email, t.password, '10.3.0.1')).json().token;
    const res = await as(app, { token: adminToken }).patch(`/api/users/${victim.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect((await as(app, victim).get('/api/me')).status).toBe(401);
    expect((await login(victim.email, t.password, '10.3.0.2')).statusCode).toBe(401);
  });
});
