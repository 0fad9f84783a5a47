import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Services } from '../app/services.js';
import type { Hub } from '../realtime/hub.js';
import { AppError } from '../domain/errors.js';
import { errorBody, sendError } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { registerRoutes } from './register.js';
import type { AnyRoute } from './route.js';
import { registerDeskSocket } from './ws.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export interface HttpOptions {
  services: Services;
  hub: Hub;
  routes: AnyRoute[];
  logger: Logger;
  bodyLimit: number;
  version: string;
  publicUrl: string;
  webDist: string | null;
  ready(): Promise<boolean>;
  /** Extra plugins mounted before the SPA fallback (webhooks, recordings). */
  extra?: (app: FastifyInstance) => void | Promise<void>;
}

/** Builds the Fastify app without listening, so tests can `inject()` or listen on port 0. */
export async function buildHttpApp(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: false,
    forceCloseConnections: true,
    trustProxy: true,
  });

  // Keep the exact bytes: webhook signatures are computed over them.
  app.removeContentTypeParser('application/json');
  // Only JSON bodies (and per-route raw uploads) are accepted: anything else is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.rawBody = body;
    if (body.length === 0) return done(null, undefined);
    const text = body.toString('utf8');
    // PostgreSQL text cannot hold NUL; refuse it at the edge instead of failing in the database.
    if (text.includes('\\u0000')) {
      return done(new AppError('VALIDATION_FAILED', 'Strings may not contain the NUL character.', { issues: [{ path: 'body', message: 'contains \\u0000', code: 'invalid_string' }] }), undefined);
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new SyntaxError('invalid JSON') as SyntaxError & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });

  // Serve the web app only when it has been built; reply.sendFile is decorated exactly once either way.
  const webDist = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : null;
  app.setErrorHandler((err, req, reply) => sendError(reply, req, err));
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && webDist && !req.url.startsWith('/api') && !req.url.startsWith('/webhooks')) {
      return reply.type('text/html').sendFile('index.html', webDist);
    }
    return reply.status(404).send(errorBody('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await opts.ready();
    return reply.status(ok ? 200 : 503).send(ok ? { status: 'ready' } : errorBody('SERVICE_UNAVAILABLE', 'The database is not reachable.'));
  });

  const openapi = buildOpenApi(opts.routes, { version: opts.version, serverUrl: opts.publicUrl });
  app.get('/api/openapi.json', async () => openapi);
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root: swaggerDir, prefix: '/api/docs/assets/', decorateReply: !webDist });
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(docsPage()));

  registerRoutes(app, opts.routes, (t) => opts.services.auth.resolve(t));
  registerDeskSocket(app, opts.services, opts.hub);
  if (opts.extra) await opts.extra(app);

  if (webDist) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, decorateReply: true });
  return app;
}

function docsPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Switchboard API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`;
}
