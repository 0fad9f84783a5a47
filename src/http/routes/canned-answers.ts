import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, STAFF, route } from '../route.js';
import { idParams, text } from './fields.js';

const title = text(1, 120);
const answerBody = text(1, 4096);
const shortcut = text(1, 40).nullable().optional().describe('What the agent types to pick it, e.g. "/thanks".');

export function cannedAnswerRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/canned-answers', summary: 'Canned answers, general and channel ones blended (each with its scope), searchable', tags: ['canned-answers'],
      auth: ALL_ROLES,
      query: z.strictObject({
        ...pageQuery,
        channel_id: z.uuid().optional().describe('The general answers and this channel\'s; without it, those of every channel you see.'),
        q: text(0, 200).optional().describe('Matches title, body or shortcut; empty matches all.'),
        scope: z.enum(['general', 'channel']).optional(),
      }),
      handler: ({ actor, query }) => s.cannedAnswers.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/canned-answers/:id', summary: 'One canned answer', tags: ['canned-answers'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.cannedAnswers.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/canned-answers', summary: 'Add a canned answer: general (admins) or for a channel (supervisors and admins)', tags: ['canned-answers'],
      auth: STAFF, status: 201,
      body: z.strictObject({ title, body: answerBody, shortcut, channel_id: z.uuid().nullable().optional().describe('Omitted or null: a general answer.') }),
      handler: ({ actor, body }) => s.cannedAnswers.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/canned-answers/:id', summary: 'Change a canned answer (its scope stays)', tags: ['canned-answers'], auth: STAFF, params: idParams,
      body: z.strictObject({ title: title.optional(), body: answerBody.optional(), shortcut }),
      handler: ({ actor, params, body }) => s.cannedAnswers.update(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/canned-answers/:id', summary: 'Delete a canned answer', tags: ['canned-answers'], auth: STAFF, params: idParams,
      handler: async ({ actor, params }) => {
        await s.cannedAnswers.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
