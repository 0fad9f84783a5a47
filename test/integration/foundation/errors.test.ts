import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog, type ErrorCode } from '../../../src/domain/errors.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';
import { tenantChecksum } from './support/tenant-checksum.js';

describe('request errors', () => {
  let app: TestApp;
  let t: TestTenant;
  beforeAll(async () => {
    app = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    t = await createTenant(app);
  });
  afterAll(async () => app.stop());

  const raw = (method: 'POST' | 'PATCH' | 'GET', url: string, contentType: string | null, payload?: string) =>
    app.http.inject({
      method, url,
      headers: { authorization: `Bearer ${t.admin.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload !== undefined ? { payload } : {}),
    });
  const answer = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, body: JSON.parse(res.body) });

  it('unknown fields are rejected, naming the field path (top level, nested, query)', async () => {
    const top = await as(app, t.admin).post('/api/agent-groups', { name: 'Ops', colour: 'red' });
    expectError(top, 400, 'VALIDATION_FAILED');
    expect(top.body.error.details.issues).toEqual([{ path: 'body.colour', message: 'unknown field: colour', code: 'unrecognized_keys' }]);

    const nested = await as(app, t.admin).put('/api/billing/rates', { rates: [{ country: 'ID', rate_per_minute_minor: 1, currency: 'IDR' }] });
    expect(issuePaths(nested)).toEqual(['body.rates.0.currency']);

    const query = await as(app, t.admin).get('/api/contacts?limit=5&sort=name');
    expectError(query, 400, 'VALIDATION_FAILED');
    expect(issuePaths(query)).toEqual(['query.sort']);

    const params = await as(app, t.admin).get('/api/contacts/not-a-uuid');
    expect(issuePaths(params)).toEqual(['params.id']);
  });

  it('a body that is not JSON is 400 INVALID_JSON and writes nothing', async () => {
    const before = await tenantChecksum(app, t.tenantId);
    for (const payload of ['{"name": ', '{name: "x"}', 'undefined', '{"a":1}}']) {
      expectError(answer(await raw('POST', '/api/agent-groups', 'application/json', payload)), 400, 'INVALID_JSON');
    }
    expect(await tenantChecksum(app, t.tenantId)).toBe(before);
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ phone_number: '+6281234567890', notes: 'x'.repeat(3000) });
    expectError(answer(await raw('POST', '/api/contacts', 'application/json', payload)), 413, 'PAYLOAD_TOO_LARGE');
    // Just under the limit is fine.
    const small = JSON.stringify({ phone_number: '+6281234567890', notes: 'x'.repeat(1900) });
    expect((await raw('POST', '/api/contacts', 'application/json', small)).statusCode).toBe(201);
  });

  it('a body in another format is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const [type, payload] of [['application/xml', '<group><name>x</name></group>'], ['application/x-www-form-urlencoded', 'name=x'], ['multipart/form-data; boundary=b', '--b--']] as const) {
      expectError(answer(await raw('POST', '/api/agent-groups', type, payload)), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectError(answer(await raw('POST', '/api/agent-groups', 'text/plain', 'name=x')), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('every error answers {"error":{"code","message","details"}} with the catalogue\'s status for its code', async () => {
    const agent = as(app, t.agent);
    const answers = [
      answer(await app.http.inject({ method: 'GET', url: '/api/channels' })),
      await agent.post('/api/channels', {}),
      await agent.get(`/api/agent-groups/${crypto.randomUUID()}`),
      answer(await app.http.inject({ method: 'GET', url: '/api/nothing-here' })),
      await agent.post('/api/contacts', { phone_number: '12' }),
      await agent.put('/api/me/presence', { status: 'paused' }),
      await as(app, t.admin).post('/api/pause-reasons', { name: 'Lunch' }),
      await as(app, t.admin).post('/api/billing/top-ups', { amount_minor: 1 }),
      answer(await raw('POST', '/api/agent-groups', 'application/json', '{')),
      answer(await raw('POST', '/api/agent-groups', 'application/xml', '<a/>')),
    ];
    const codes = new Set<string>();
    for (const res of answers) {
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(Object.keys(res.body.error).sort()).toEqual(['code', 'details', 'message']);
      const code = res.body.error.code as ErrorCode;
      expect(errorCatalog[code], code).toBeDefined();
      expect(res.status, code).toBe(errorCatalog[code].status);
      expect(res.body.error.message.length).toBeGreaterThan(5);
      expect(res.body.error.details === null || typeof res.body.error.details === 'object').toBe(true);
      codes.add(code);
    }
    expect([...codes].sort()).toEqual(['DUPLICATE_NAME', 'FORBIDDEN', 'INVALID_JSON', 'INVALID_PHONE_NUMBER', 'NOT_FOUND', 'ROUTE_NOT_FOUND', 'TOP_UP_TOO_SMALL', 'UNAUTHENTICATED', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED']);
  });
});
