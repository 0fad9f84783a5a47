import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../src/domain/people.js';
import { allRoutes } from '../../../src/http/routes/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import type { TestUser } from '../../support/fixtures.js';
import { foundationRoutes, pathOf, routeCatalogue, routeKey, serverCases, type RouteCase } from './support/route-catalogue.js';
import { createWorld, type World } from './support/world.js';

describe('role rules per route', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await createTestApp();
    w = await createWorld(app);
  });
  afterAll(async () => app.stop());

  const userOf = (role: Role): TestUser => (role === 'admin' ? w.t.admin : role === 'supervisor' ? w.t.supervisor : w.t.agent);

  // A body no route accepts: a caller who passes the role check gets 400 and nothing is written.
  const probe = (method: string, url: string, token?: string) =>
    app.http.inject({
      method: method as 'GET', url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(method === 'GET' ? {} : { payload: { __probe: true } }),
    });

  it('the table lists every foundation route the server registers, with the roles each declares', () => {
    const registered = allRoutes(app.services, { cookieSecure: false, webConfig: { demo: false, emulator_url: null } });
    const foundation = foundationRoutes(app.services).map(routeKey).sort();
    expect(registered.map(routeKey)).toEqual(expect.arrayContaining(foundation));
    const table = routeCatalogue.map(routeKey).sort();
    expect(foundation.filter((r) => !table.includes(r)), 'routes missing from the role table').toEqual([]);
    expect(table.filter((r) => !foundation.includes(r)), 'table rows without a route').toEqual([]);
    const declared = new Map(registered.map((r) => [routeKey(r), r.auth]));
    for (const r of routeCatalogue) expect(declared.get(routeKey(r)), routeKey(r)).toEqual(r.roles);
  });

  async function checkRoles(r: RouteCase & { generic?: boolean }): Promise<void> {
    if (r.roles === 'public') return;
    const allowed = r.roles;
    const url = pathOf(r, w);
    const anon = await probe(r.method, url);
    expect(anon.statusCode, routeKey(r)).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    for (const role of roles) {
      const res = await probe(r.method, url, userOf(role).token);
      const what = `${routeKey(r)} as ${role}: ${res.body}`;
      if (!allowed.includes(role)) {
        expect(res.statusCode, what).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      } else if (r.generic) {
        // Other areas' routes: only that the role is let through (their ids here exist nowhere).
        expect([401, 403], what).not.toContain(res.statusCode);
      } else if (r.method !== 'GET') {
        expect(res.statusCode, what).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      } else {
        expect(res.statusCode, what).toBe(200);
      }
    }
  }

  for (const r of routeCatalogue) {
    if (r.roles === 'public') continue;
    const allowed = r.roles;
    it(`${routeKey(r)}: 401 without a token, 403 for ${roles.filter((x) => !allowed.includes(x)).join(', ') || 'nobody'}, allowed for ${allowed.join(', ')}`, () => checkRoles(r));
  }

  it('routes of other areas enforce the roles they declare', async () => {
    const others = serverCases(allRoutes(app.services, { cookieSecure: false, webConfig: { demo: false, emulator_url: null } })).filter((c) => c.generic);
    for (const r of others) await checkRoles(r);
  });

  it('public routes need no token', async () => {
    for (const r of routeCatalogue.filter((x) => x.roles === 'public')) {
      const res = await app.http.inject({ method: r.method, url: pathOf(r, w), payload: r.body?.(w) as object });
      expect(res.statusCode).not.toBe(403);
      expect(res.json().error?.code, routeKey(r)).not.toBe('UNAUTHENTICATED');
    }
  });
});
