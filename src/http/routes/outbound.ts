import { z } from 'zod';
import type { PlacedCall } from '../../app/outbound/place-outbound-call.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, route } from '../route.js';
import { idParams } from './common.js';

const note = z.string().trim().min(1).max(500).optional().describe('Why the agent calls; kept in the call journey.');

/** Business-initiated WhatsApp calls: from a room, or to a contact on a channel. */
export function outboundRoutes(s: Services) {
  const view = (placed: PlacedCall) => ({ ...s.calls.summarize(placed.call), permission_warning: placed.permissionWarning });
  return [
    route({
      method: 'POST', url: '/api/conversations/:id/calls', summary: 'Call the room\'s customer on WhatsApp (needs their call permission)',
      tags: ['calls'], auth: ALL_ROLES, params: idParams, status: 201, body: z.strictObject({ note }),
      handler: async ({ actor, params, body }) => view(await s.outboundCalls.fromConversation(actor, params.id, body)),
    }),
    route({
      method: 'POST', url: '/api/contacts/:id/calls', summary: 'Call a contact on a WhatsApp channel (needs their call permission)',
      tags: ['calls'], auth: ALL_ROLES, params: idParams, status: 201,
      body: z.strictObject({ channel_id: z.string().uuid(), note }),
      handler: async ({ actor, params, body }) => view(await s.outboundCalls.toContact(actor, params.id, body)),
    }),
  ];
}
