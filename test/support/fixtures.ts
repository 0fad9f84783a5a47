import type { Role } from '../../src/domain/people.js';
import { seedTenantDefaults } from '../../src/app/demo/seed-demo.js';
import type { TestApp } from './app.js';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  tenantId: string;
}

let seq = 0;
const PASSWORD = 'correct horse battery';

/** A tenant with one user of each role (plus extra agents), signed in through the real login route. */
export async function createTenant(app: TestApp, opts: { name?: string; agents?: number; supervisors?: number } = {}) {
  const n = ++seq;
  const tenantId = app.ids.next();
  const now = app.clock.now();
  await app.database.db.insertInto('tenants').values({ id: tenantId, name: opts.name ?? `Tenant ${n}`, settings: '{}', created_at: now }).execute();
  await seedTenantDefaults(app, app.database.db, tenantId);
  const { hashPassword } = await import('../../src/app/passwords.js');
  const hash = await hashPassword(PASSWORD);
  const make = async (role: Role, i = 0): Promise<TestUser> => {
    const id = app.ids.next();
    const email = `${role}${i || ''}.${n}.${tenantId.slice(-6)}@test.example`;
    await app.database.db.insertInto('users').values({ id, tenant_id: tenantId, email, name: `${role} ${i}`, role, password_hash: hash, created_at: now, updated_at: now }).execute();
    await app.database.db.insertInto('agent_presence').values({ user_id: id, tenant_id: tenantId, status: 'offline', status_since: now }).execute();
    const res = await app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    return { id, email, role, token: res.json().token, tenantId };
  };
  const admin = await make('admin');
  const supervisor = await make('supervisor');
  const agents: TestUser[] = [];
  for (let i = 1; i <= (opts.agents ?? 2); i++) agents.push(await make('agent', i));
  const supervisors = [supervisor];
  for (let i = 2; i <= (opts.supervisors ?? 1); i++) supervisors.push(await make('supervisor', i));
  return { tenantId, admin, supervisor, supervisors, agent: agents[0]!, agents, password: PASSWORD };
}

export type TestTenant = Awaited<ReturnType<typeof createTenant>>;

/** `app.http.inject` as a user, JSON in and out. */
export function as(app: TestApp, user: { token: string }) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.http.inject({
      method, url,
      headers: { authorization: `Bearer ${user.token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    let body: unknown;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = res.body;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.statusCode, body: body as any, headers: res.headers };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    put: (url: string, body?: unknown) => call('PUT', url, body ?? {}),
    patch: (url: string, body?: unknown) => call('PATCH', url, body ?? {}),
    delete: (url: string) => call('DELETE', url),
  };
}
