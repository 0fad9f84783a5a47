import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { ADMIN, ALL_ROLES, route } from '../route.js';
import { idParams, text } from './fields.js';

const tagName = text(1, 60);

export function tagRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/tags', summary: 'The tenant\'s tags (for business records)', tags: ['business-records'], auth: ALL_ROLES,
      handler: ({ actor }) => s.tags.list(actor),
    }),
    route({
      method: 'GET', url: '/api/tags/:id', summary: 'One tag', tags: ['business-records'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.tags.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/tags', summary: 'Add a tag', tags: ['business-records'], auth: ADMIN, status: 201,
      body: z.strictObject({ name: tagName }),
      handler: ({ actor, body }) => s.tags.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/tags/:id', summary: 'Rename a tag (history keeps the old name)', tags: ['business-records'], auth: ADMIN, params: idParams,
      body: z.strictObject({ name: tagName }),
      handler: ({ actor, params, body }) => s.tags.rename(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/tags/:id', summary: 'Delete a tag no business record carries (409 IN_USE otherwise)', tags: ['business-records'], auth: ADMIN, params: idParams,
      handler: async ({ actor, params }) => {
        await s.tags.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
