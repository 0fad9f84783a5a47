import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { SESSION_COOKIE, tokenOf } from '../register.js';
import { ALL_ROLES, route } from '../route.js';
import { name } from './common.js';

export function authRoutes(s: Services, opts: { cookieSecure: boolean }) {
  return [
    route({
      method: 'POST', url: '/api/auth/login', summary: 'Sign in; answers a token and sets the session cookie', tags: ['auth'], auth: 'public',
      body: z.strictObject({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
      handler: async ({ body, req, reply }) => {
        const { token, user, expiresAt } = await s.auth.login(body.email, body.password, req.ip);
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, path: '/', expires: expiresAt,
        });
        return { token, user };
      },
    }),
    route({
      method: 'POST', url: '/api/auth/logout', summary: 'End this session or revoke this token', tags: ['auth'], auth: ALL_ROLES,
      handler: async ({ req, reply }) => {
        const token = tokenOf(req);
        if (token) await s.auth.revoke(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/me', summary: 'The signed-in user', tags: ['auth'], auth: ALL_ROLES,
      handler: async ({ actor }) => {
        const user = await s.users.get(actor, actor.userId);
        const presence = await s.presence.view(actor, actor.userId);
        return { user, presence };
      },
    }),
    route({
      method: 'POST', url: '/api/me/tokens', summary: 'Create a bearer API token for integrations (shown once)', tags: ['auth'], auth: ALL_ROLES,
      body: z.strictObject({ name }), status: 201,
      handler: async ({ actor, body }) => s.auth.createApiToken(actor, body.name),
    }),
    route({
      method: 'PUT', url: '/api/me/password', summary: 'Change my password', tags: ['auth'], auth: ALL_ROLES,
      body: z.strictObject({ current_password: z.string().min(1).max(200), new_password: z.string().min(8).max(200) }),
      handler: async ({ actor, body }) => {
        await s.users.changeOwnPassword(actor, body.current_password, body.new_password);
        return undefined;
      },
    }),
  ];
}

