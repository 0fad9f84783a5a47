import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, route } from '../route.js';
import { idParams } from './common.js';

export function conversationRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/conversations', summary: 'Rooms the caller may see, newest first', tags: ['conversations'], auth: ALL_ROLES,
      query: z.strictObject({
        ...pageQuery,
        status: z.enum(['open', 'resolved']).optional(),
        assignee: z.union([z.enum(['me', 'none']), z.string().uuid()]).optional(),
        channel_id: z.string().uuid().optional(),
        contact_id: z.string().uuid().optional(),
      }),
      handler: ({ actor, query }) => s.conversations.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/conversations/:id', summary: 'One room', tags: ['conversations'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.conversations.get(actor, params.id),
    }),
    route({
      method: 'PATCH', url: '/api/conversations/:id', summary: 'Assign, unassign, resolve or reopen a room', tags: ['conversations'], auth: ALL_ROLES,
      params: idParams, body: z.strictObject({ assignee_id: z.string().uuid().nullable().optional(), status: z.enum(['open', 'resolved']).optional() }),
      handler: ({ actor, params, body }) => s.conversations.update(actor, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/conversations/:id/messages', summary: 'Messages of a room (calls appear as system messages), newest first', tags: ['conversations'],
      auth: ALL_ROLES, params: idParams, query: z.strictObject(pageQuery),
      handler: ({ actor, params, query }) => s.conversations.messages(actor, params.id, query),
    }),
    route({
      method: 'POST', url: '/api/conversations/:id/messages', summary: 'Send a text message (inside the 24 h window)', tags: ['conversations'],
      auth: ALL_ROLES, params: idParams, body: z.strictObject({ text: z.string().trim().min(1).max(4096) }), status: 201,
      handler: ({ actor, params, body }) => s.conversations.sendText(actor, params.id, body.text),
    }),
  ];
}
