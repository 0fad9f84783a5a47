import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../app/actor.js';
import type { Role } from '../domain/people.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One HTTP route: its schemas validate the request (unknown fields rejected) and also produce the
 * OpenAPI document, so the two cannot drift apart.
 */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown, R = unknown> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** Roles allowed; 'public' routes have no actor (the handler must not use it). */
  auth: 'public' | readonly Role[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response?: z.ZodType<R>;
  status?: number;
  bodyLimit?: number;
  /** Content types other than JSON this route takes (e.g. audio uploads); the body is then a Buffer. */
  rawBody?: string[];
  handler(ctx: RouteContext<B, Q, P>): Promise<R>;
}

// Each route keeps its own type parameters; the registry only needs the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

export const route = <B = undefined, Q = undefined, P = undefined, R = unknown>(spec: RouteSpec<B, Q, P, R>): AnyRoute => spec;

export const ALL_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const STAFF: readonly Role[] = ['admin', 'supervisor'];
export const ADMIN: readonly Role[] = ['admin'];
