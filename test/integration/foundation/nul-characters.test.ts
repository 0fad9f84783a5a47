import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as } from '../../support/fixtures.js';
import { pathOf, routeCatalogue, routeKey, type RouteCase } from './support/route-catalogue.js';
import { tenantChecksum } from './support/tenant-checksum.js';
import { createWorld, type World } from './support/world.js';

// PostgreSQL text and jsonb cannot hold U+0000: a NUL in any string must be refused as a bad request,
// not reach the database and fail there.
const CORE = ['/api/auth', '/api/me', '/api/users', '/api/presence'];
const isCore = (url: string) => CORE.some((p) => url.startsWith(p));

/** Each string in the body (nested too), one at a time, with a NUL inside. */
function withNul(body: unknown): { path: string; body: unknown }[] {
  const out: { path: string; body: unknown }[] = [];
  const walk = (value: unknown, path: (string | number)[], set: (v: unknown) => unknown) => {
    if (typeof value === 'string') out.push({ path: path.join('.'), body: set(`${value}\u0000x`) });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], (nv) => set(value.map((x, j) => (j === i ? nv : x)))));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], (nv) => set({ ...value, [k]: nv }));
    }
  };
  walk(body, ['body'], (v) => v);
  return out;
}

describe('NUL characters in strings', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await createTestApp();
    w = await createWorld(app);
  });
  afterAll(async () => app.stop());

  /** Sends each NUL variant of the route's valid body; lists those answered otherwise than `ok` allows. */
  const attempt = async (r: RouteCase, ok: (status: number, unchanged: boolean) => boolean) => {
    const failures: string[] = [];
    for (const { path, body } of withNul(r.body?.(w))) {
      const before = await tenantChecksum(app, w.t.tenantId);
      const res = await as(app, w.t.admin)[r.method.toLowerCase() as 'post'](pathOf(r, w), body);
      if (!ok(res.status, (await tenantChecksum(app, w.t.tenantId)) === before)) failures.push(`${routeKey(r)} ${path}: ${res.status}`);
    }
    return failures;
  };

  it('every text field of the admin resources is refused with 400, and nothing is written', async () => {
    const routes = routeCatalogue.filter((r) => r.body && !isCore(r.url) && r.method !== 'GET');
    expect(routes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const r of routes) failures.push(...(await attempt(r, (status, unchanged) => status === 400 && unchanged)));
    expect(failures).toEqual([]);
    const res = await as(app, w.t.admin).get('/api/contacts?q=%00');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('query.q');
  });

  // The JSON body parser refuses U+0000 for every route, so no route passes it to the database.
  it('the sign-in and user routes never answer 5xx for a NUL', async () => {
    const failures: string[] = [];
    for (const r of routeCatalogue.filter((x) => x.body && isCore(x.url))) failures.push(...(await attempt(r, (status) => status < 500)));
    expect(failures).toEqual([]);
  });
});
