import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, route } from '../route.js';
import { idParams } from './common.js';

/** Call permission of the room's customer: the header view and "Invite to call". */
export function permissionRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/conversations/:id/call-permission',
      summary: 'The customer\'s call permission for the room header: status, expiry, attempts, last request, next request allowed at, warning',
      tags: ['call permissions'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.permissions.view(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/conversations/:id/call-permission-requests',
      summary: 'Invite to call: send the customer a call-permission request (1 per 24 h, 2 per 7 days; expires after 72 h)',
      tags: ['call permissions'], auth: ALL_ROLES, params: idParams, status: 201,
      body: z.strictObject({ caption: z.string().trim().min(1).max(1024).optional().describe('Text shown above the Allow button.') }),
      handler: ({ actor, params, body }) => s.permissions.request(actor, params.id, body),
    }),
  ];
}
