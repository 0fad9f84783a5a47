import { z } from 'zod';
import { queueStrategies } from '../../app/agent-groups/agent-groups-service.js';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, STAFF, route } from '../route.js';
import { idParams, name, uniqueIds } from './fields.js';

const strategy = z.enum(queueStrategies);
const wrapUp = z.number().int().min(0).max(3600).describe('Seconds of after-call work after each call (0 = off).');
const maxWait = z.number().int().min(10).max(3600).describe('Longest wait in this queue before voicemail.');

export function agentGroupRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/agent-groups', summary: 'List agent groups with their ordered members', tags: ['agent-groups'], auth: ALL_ROLES,
      query: z.strictObject(pageQuery),
      handler: ({ actor, query }) => s.agentGroups.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/agent-groups/:id', summary: 'One agent group', tags: ['agent-groups'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.agentGroups.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/agent-groups', summary: 'Create an agent group', tags: ['agent-groups'], auth: STAFF, status: 201,
      body: z.strictObject({ name, strategy: strategy.optional(), wrap_up_seconds: wrapUp.optional(), max_wait_seconds: maxWait.optional(), member_ids: uniqueIds(500).optional() }),
      handler: ({ actor, body }) => s.agentGroups.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/agent-groups/:id', summary: 'Change an agent group', tags: ['agent-groups'], auth: STAFF, params: idParams,
      body: z.strictObject({ name: name.optional(), strategy: strategy.optional(), wrap_up_seconds: wrapUp.optional(), max_wait_seconds: maxWait.optional() }),
      handler: ({ actor, params, body }) => s.agentGroups.update(actor, params.id, body),
    }),
    route({
      method: 'PUT', url: '/api/agent-groups/:id/members', summary: 'Set the members, in order', tags: ['agent-groups'], auth: STAFF, params: idParams,
      body: z.strictObject({ user_ids: uniqueIds(500) }),
      handler: ({ actor, params, body }) => s.agentGroups.setMembers(actor, params.id, body.user_ids),
    }),
    route({
      method: 'DELETE', url: '/api/agent-groups/:id', summary: 'Delete an agent group (refused while a channel routes to it)', tags: ['agent-groups'], auth: STAFF, params: idParams,
      handler: async ({ actor, params }) => {
        await s.agentGroups.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
