import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { STAFF, route } from '../route.js';
import { idParams, name, uniqueIds } from './fields.js';

const mode = z.enum(['round_robin', 'ring_all']);
const regardless = z.boolean().describe('ring_all only: ring every signed-in member not on a call, whatever their status.');

export function ringGroupRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/ring-groups', summary: 'List ring groups with their ordered members', tags: ['ring-groups'], auth: STAFF,
      query: z.strictObject({ ...pageQuery, channel_id: z.uuid().optional() }),
      handler: ({ actor, query }) => s.ringGroups.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/ring-groups/:id', summary: 'One ring group', tags: ['ring-groups'], auth: STAFF, params: idParams,
      handler: ({ actor, params }) => s.ringGroups.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/ring-groups', summary: 'Create a ring group (one per mode per channel)', tags: ['ring-groups'], auth: STAFF, status: 201,
      body: z.strictObject({ channel_id: z.uuid(), name, mode, ring_regardless_of_status: regardless.optional(), member_ids: uniqueIds(500).optional() }),
      handler: ({ actor, body }) => s.ringGroups.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/ring-groups/:id', summary: 'Change a ring group', tags: ['ring-groups'], auth: STAFF, params: idParams,
      body: z.strictObject({ name: name.optional(), mode: mode.optional(), ring_regardless_of_status: regardless.optional() }),
      handler: ({ actor, params, body }) => s.ringGroups.update(actor, params.id, body),
    }),
    route({
      method: 'PUT', url: '/api/ring-groups/:id/members', summary: 'Set or reorder the members (the list order is the ring order)', tags: ['ring-groups'], auth: STAFF, params: idParams,
      body: z.strictObject({ user_ids: uniqueIds(500) }),
      handler: ({ actor, params, body }) => s.ringGroups.setMembers(actor, params.id, body.user_ids),
    }),
    route({
      method: 'DELETE', url: '/api/ring-groups/:id', summary: 'Delete a ring group', tags: ['ring-groups'], auth: STAFF, params: idParams,
      handler: async ({ actor, params }) => {
        await s.ringGroups.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
