import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { presenceStatuses } from '../../domain/people.js';
import { ALL_ROLES, STAFF, route } from '../route.js';
import { idParams } from './common.js';

const statusBody = z.strictObject({ status: z.enum(presenceStatuses), pause_reason_id: z.string().uuid().optional() });

export function presenceRoutes(s: Services) {
  return [
    route({
      method: 'PUT', url: '/api/me/presence', summary: 'Set my status (paused needs pause_reason_id)', tags: ['presence'], auth: ALL_ROLES,
      body: statusBody,
      handler: ({ actor, body }) => s.presence.setStatus(actor, actor.userId, body),
    }),
    route({
      method: 'GET', url: '/api/me/presence', summary: 'My status', tags: ['presence'], auth: ALL_ROLES,
      handler: ({ actor }) => s.presence.view(actor, actor.userId),
    }),
    route({
      method: 'GET', url: '/api/presence', summary: 'Every agent\'s status (wallboard)', tags: ['presence'], auth: STAFF,
      handler: async ({ actor }) => ({ items: await s.presence.list(actor), next_cursor: null }),
    }),
    route({
      method: 'PUT', url: '/api/users/:id/presence', summary: 'Set an agent\'s status (supervisors and admins)', tags: ['presence'], auth: STAFF,
      params: idParams, body: statusBody,
      handler: ({ actor, params, body }) => s.presence.setStatus(actor, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/users/:id/presence-history', summary: 'Status changes of a user, newest first', tags: ['presence'], auth: STAFF,
      params: idParams, query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      handler: async ({ actor, params, query }) => ({ items: await s.presence.history(actor, params.id, query.limit), next_cursor: null }),
    }),
  ];
}
