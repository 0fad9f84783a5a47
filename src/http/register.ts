import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type z } from 'zod';
import type { Actor } from '../app/actor.js';
import { AppError } from '../domain/errors.js';
import { errorBody, sendError, zodDetails } from './errors.js';
import type { AnyRoute } from './route.js';

export const SESSION_COOKIE = 'sb_session';

export type ResolveActor = (token: string) => Promise<Actor | null>;

export function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m ? m[1]! : null;
  }
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION_FAILED', 'The request is invalid.', zodDetails(r.error, where));
  return r.data;
}

/** Registers routes with auth, role checks and zod validation in front of each handler. */
export function registerRoutes(app: FastifyInstance, routes: AnyRoute[], resolveActor: ResolveActor): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        try {
          let actor: Actor | null = null;
          if (r.auth !== 'public') {
            const token = tokenOf(req);
            actor = token ? await resolveActor(token) : null;
            if (!actor) return reply.status(401).send(errorBody('UNAUTHENTICATED', 'Sign in first.'));
            if (!r.auth.includes(actor.role)) return reply.status(403).send(errorBody('FORBIDDEN', 'Your role may not do this.'));
          }
          const params = parsePart(r.params, req.params, 'params');
          const query = parsePart(r.query, req.query, 'query');
          let body: unknown;
          if (r.rawBody) {
            body = req.body;
          } else if (r.body) {
            body = parsePart(r.body, req.body === undefined ? {} : req.body, 'body');
          } else if (req.body !== undefined && req.body !== null && !(typeof req.body === 'object' && Object.keys(req.body).length === 0)) {
            throw new AppError('VALIDATION_FAILED', 'This route takes no body.', { issues: [{ path: 'body', message: 'no body expected', code: 'unrecognized_keys' }] });
          }
          const result = await r.handler({ actor: actor as Actor, body, query, params, req, reply });
          if (reply.sent) return reply;
          if (result === undefined) return reply.status(r.status ?? 204).send();
          return reply.status(r.status ?? 200).send(result);
        } catch (err) {
          if (err instanceof ZodError) return reply.status(400).send(errorBody('VALIDATION_FAILED', 'The request is invalid.', zodDetails(err, 'body')));
          return sendError(reply, req, err);
        }
      },
    });
  }
}
