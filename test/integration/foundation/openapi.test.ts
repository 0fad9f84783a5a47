import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../src/domain/errors.js';
import { allRoutes } from '../../../src/http/routes/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { foundationRoutes, routeKey } from './support/route-catalogue.js';

interface Operation {
  summary: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { type?: string; properties?: Record<string, unknown> } }> };
  'x-roles'?: string[];
}

describe('OpenAPI document', () => {
  let app: TestApp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any;
  beforeAll(async () => {
    app = await createTestApp();
    const res = await app.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => app.stop());

  const routes = () => allRoutes(app.services, { cookieSecure: false, webConfig: { demo: false, emulator_url: null } });
  const operation = (method: string, url: string): Operation | undefined => doc.paths[url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[method.toLowerCase()];

  it('lists every registered route with its summary and roles', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of routes()) {
      const op = operation(r.method, r.url);
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op!.summary).toBe(r.summary);
      if (r.auth !== 'public') expect(op!['x-roles']).toEqual(r.auth);
    }
    const documented = Object.values(doc.paths as Record<string, object>).reduce<number>((n, p) => n + Object.keys(p).length, 0);
    expect(documented).toBe(routes().length);
  });

  it('documents request bodies, path and query parameters from the validating schemas', () => {
    const foundation = new Set(foundationRoutes(app.services).map(routeKey));
    for (const r of routes()) {
      const op = operation(r.method, r.url)!;
      if (r.body) {
        const schema = op.requestBody?.content['application/json']?.schema;
        expect(schema?.type, `${r.method} ${r.url}`).toBe('object');
        if (foundation.has(routeKey(r))) expect(Object.keys(schema?.properties ?? {}).length, `${r.method} ${r.url}`).toBeGreaterThan(0);
      } else {
        expect(op.requestBody, `${r.method} ${r.url}`).toBeUndefined();
      }
      for (const name of r.url.match(/:([A-Za-z_]+)/g) ?? []) {
        expect(op.parameters?.find((p) => p.in === 'path' && p.name === name.slice(1))?.required, `${r.method} ${r.url} ${name}`).toBe(true);
      }
    }
    const channel = operation('POST', '/api/channels')!.requestBody!.content['application/json']!.schema.properties!;
    expect(Object.keys(channel)).toEqual(expect.arrayContaining(['display_number', 'phone_number_id', 'access_token', 'call_hours', 'incoming_target']));
    const contacts = operation('GET', '/api/contacts')!.parameters!.map((p) => `${p.in}:${p.name}`);
    expect(contacts).toEqual(expect.arrayContaining(['query:limit', 'query:cursor', 'query:q']));
  });

  it('lists every error code', () => {
    expect(doc.components.schemas.ErrorCode.enum.sort()).toEqual(Object.keys(errorCatalog).sort());
  });

  it('/api/docs serves a page that loads the document', async () => {
    const page = await app.http.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/api/openapi.json');
    const asset = await app.http.inject({ method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
  });
});
