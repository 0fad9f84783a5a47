import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../../src/http/routes/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as } from '../../support/fixtures.js';
import { foundationRoutes, pathOf, routeCatalogue, routeKey, serverCases, type RouteCase } from './support/route-catalogue.js';
import { tenantChecksum } from './support/tenant-checksum.js';
import { createWorld, type World } from './support/world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const leaf = fc.jsonValue({ maxDepth: 2 });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Bodies near a valid one: keys dropped, values replaced (also deep inside), unknown keys added, arrays reshaped.
 * NUL characters have their own test (errors.test.ts).
 */
function near(valid: unknown, depth = 0): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.constant(valid), leaf];
  if (isObject(valid)) {
    const keys = Object.keys(valid);
    if (keys.length > 0) {
      options.push(
        fc.subarray(keys).map((keep) => Object.fromEntries(keep.map((k) => [k, valid[k]]))),
        fc.tuple(fc.constantFrom(...keys), leaf).map(([k, v]) => ({ ...valid, [k]: v })),
        fc.dictionary(fc.constantFrom(...keys), leaf, { maxKeys: keys.length }),
      );
      const nested = keys.filter((k) => typeof valid[k] === 'object' && valid[k] !== null);
      if (nested.length > 0 && depth < 3) {
        options.push(fc.constantFrom(...nested).chain((k) => near(valid[k], depth + 1).map((v) => ({ ...valid, [k]: v }))));
      }
    }
    options.push(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'tenant_id', 'id'), leaf).map(([k, v]) => ({ ...valid, [k]: v })));
  } else if (Array.isArray(valid)) {
    options.push(fc.array(leaf, { maxLength: 4 }), fc.constant([...valid, ...valid]));
    if (valid.length > 0 && depth < 3) options.push(near(valid[0], depth + 1).map((v) => [v, ...valid.slice(1)]));
  } else if (typeof valid === 'string') {
    options.push(fc.string({ maxLength: 300 }), fc.constantFrom('', ' ', '\u202e', '\ud83d\ude00', 'x'.repeat(10_000), '../../etc/passwd', "' or 1=1 --"));
  } else if (typeof valid === 'number') {
    options.push(fc.constantFrom(-1, 0, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308), fc.integer());
  }
  return fc.oneof(...options);
}

describe('write endpoints under random bodies', () => {
  let app: TestApp;
  let w: World;
  let token: string;
  beforeAll(async () => {
    app = await createTestApp();
    w = await createWorld(app);
    // An API token: unlike sessions, a (random but valid) password change does not revoke it.
    token = (await as(app, w.t.admin).post('/api/me/tokens', { name: 'fuzz' })).body.token;
  });
  afterAll(async () => app.stop());

  const writes = routeCatalogue.filter((r) => WRITE_METHODS.has(r.method) && !r.noFuzz);

  it('every write route of the foundation is fuzzed unless the table says why not', () => {
    const server = foundationRoutes(app.services).filter((r) => WRITE_METHODS.has(r.method)).map(routeKey);
    const excluded = routeCatalogue.filter((r) => r.noFuzz).map(routeKey);
    expect(server.filter((k) => !excluded.includes(k)).sort()).toEqual(writes.map(routeKey).sort());
  });

  const fuzz = async (r: RouteCase) => {
    const valid = r.body?.(w) ?? {};
    const bodies = fc.oneof({ weight: 3, arbitrary: near(valid) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await tenantChecksum(app, w.t.tenantId);
        const res = await app.http.inject({
          method: r.method, url: pathOf(r, w),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body) ?? 'null',
        });
        expect(res.statusCode, `${routeKey(r)}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(Object.keys(res.json())).toEqual(['error']);
          expect(await tenantChecksum(app, w.t.tenantId), `${routeKey(r)}: ${res.body}`).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  };

  for (const r of writes) it(`${routeKey(r)}: never 5xx, and a 4xx writes nothing`, () => fuzz(r));

  // Write routes of other areas, with ids that exist nowhere and bodies built from nothing.
  it('write routes of other areas: never 5xx, and a 4xx writes nothing', async () => {
    const others = serverCases(allRoutes(app.services, { cookieSecure: false, webConfig: { demo: false, emulator_url: null } })).filter((c) => c.generic && WRITE_METHODS.has(c.method));
    for (const r of others) await fuzz(r);
  });
});
