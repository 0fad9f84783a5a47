import { z } from 'zod';
import { errorCatalog } from '../domain/errors.js';
import type { AnyRoute } from './route.js';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  try {
    return z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  } catch {
    return {};
  }
};

/** OpenAPI 3.1 from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}_${r.url.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
      ...(r.auth === 'public' ? { security: [] } : { 'x-roles': r.auth }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { [r.rawBody ? r.rawBody[0]! : 'application/json']: { schema: toSchema(r.body, 'input') } } } }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          ...(r.response ? { content: { 'application/json': { schema: toSchema(r.response, 'output') } } } : {}),
        },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version: info.version, description: 'Contact center for WhatsApp Business calling. Errors use one envelope; codes are listed under components.schemas.ErrorCode.' },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
      },
      schemas: {
        ErrorCode: { type: 'string', enum: Object.keys(errorCatalog) },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: { code: { $ref: '#/components/schemas/ErrorCode' }, message: { type: 'string' }, details: { type: ['object', 'null'] } },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
  };
}
