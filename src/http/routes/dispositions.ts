import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { ADMIN, ALL_ROLES, route } from '../route.js';
import { idParams, text } from './fields.js';

const dispositionName = text(1, 80);
const dispositionParams = z.strictObject({ id: z.uuid(), disposition_id: z.uuid() });

export function dispositionRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/channels/:id/dispositions', summary: 'The channel\'s dispositions (outcome codes)', tags: ['business-records'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.dispositions.list(actor, params.id),
    }),
    route({
      method: 'GET', url: '/api/channels/:id/dispositions/:disposition_id', summary: 'One disposition of the channel', tags: ['business-records'], auth: ALL_ROLES,
      params: dispositionParams,
      handler: ({ actor, params }) => s.dispositions.get(actor, params.id, params.disposition_id),
    }),
    route({
      method: 'POST', url: '/api/channels/:id/dispositions', summary: 'Add a disposition to the channel', tags: ['business-records'], auth: ADMIN, status: 201,
      params: idParams, body: z.strictObject({ name: dispositionName }),
      handler: ({ actor, params, body }) => s.dispositions.create(actor, params.id, body),
    }),
    route({
      method: 'PATCH', url: '/api/channels/:id/dispositions/:disposition_id', summary: 'Rename a disposition (history keeps the old name)', tags: ['business-records'],
      auth: ADMIN, params: dispositionParams, body: z.strictObject({ name: dispositionName }),
      handler: ({ actor, params, body }) => s.dispositions.rename(actor, params.id, params.disposition_id, body),
    }),
    route({
      method: 'DELETE', url: '/api/channels/:id/dispositions/:disposition_id', summary: 'Delete a disposition no call was given (409 IN_USE otherwise)', tags: ['business-records'],
      auth: ADMIN, params: dispositionParams,
      handler: async ({ actor, params }) => {
        await s.dispositions.remove(actor, params.id, params.disposition_id);
        return undefined;
      },
    }),
  ];
}
