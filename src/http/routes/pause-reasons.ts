import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { ADMIN, ALL_ROLES, route } from '../route.js';
import { idParams, text } from './fields.js';

const reasonName = text(1, 60);

export function pauseReasonRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/pause-reasons', summary: 'The tenant\'s pause reasons', tags: ['pause-reasons'], auth: ALL_ROLES,
      handler: ({ actor }) => s.pauseReasons.list(actor),
    }),
    route({
      method: 'GET', url: '/api/pause-reasons/:id', summary: 'One pause reason', tags: ['pause-reasons'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.pauseReasons.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/pause-reasons', summary: 'Add a pause reason', tags: ['pause-reasons'], auth: ADMIN, status: 201,
      body: z.strictObject({ name: reasonName }),
      handler: ({ actor, body }) => s.pauseReasons.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/pause-reasons/:id', summary: 'Rename a pause reason', tags: ['pause-reasons'], auth: ADMIN, params: idParams,
      body: z.strictObject({ name: reasonName }),
      handler: ({ actor, params, body }) => s.pauseReasons.rename(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/pause-reasons/:id', summary: 'Delete a pause reason (not system ones; paused agents keep their status)', tags: ['pause-reasons'], auth: ADMIN, params: idParams,
      handler: async ({ actor, params }) => {
        await s.pauseReasons.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
