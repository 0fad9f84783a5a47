import { z } from 'zod';
import { callHoursSchema } from '../../app/channels/call-hours.js';
import { incomingTargetSchema } from '../../app/channels/incoming-target.js';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ADMIN, ALL_ROLES, STAFF, route } from '../route.js';
import { idParams, name, optionalText, phoneInput, secret, uniqueIds } from './fields.js';

const whatsappId = z.string().trim().regex(/^\d{1,32}$/, 'digits only');
const promptId = z.uuid().nullable().optional();
const prompts = z.strictObject({ queue_entry: promptId, queue_waiting: promptId, voicemail: promptId, hold_music: promptId, callback_intro: promptId });

/** Calling settings (SPEC §2); any subset on create or change. */
const callingSettings = {
  voice_calling_enabled: z.boolean().optional().describe('Needs voice rates and a voice balance (a top-up) first.'),
  inbound_enabled: z.boolean().optional(),
  outbound_enabled: z.boolean().optional(),
  transfer_enabled: z.boolean().optional(),
  recording_enabled: z.boolean().optional(),
  disposition_mandatory: z.boolean().optional(),
  call_icon_visibility: z.enum(['DEFAULT', 'DISABLE_ALL']).optional(),
  callback_permission_enabled: z.boolean().optional(),
  call_hours: callHoursSchema.nullable().optional(),
  incoming_target: incomingTargetSchema.nullable().optional(),
  prompts: prompts.optional().describe('Prompt ids by role; merged into the current ones, null clears one.'),
  recontact_template: optionalText(512),
};

export function channelRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/channels', summary: 'List channels (agents: the channels they are members of)', tags: ['channels'], auth: ALL_ROLES,
      query: z.strictObject(pageQuery),
      handler: ({ actor, query }) => s.channels.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/channels/:id', summary: 'One channel; access token and app secret are never returned', tags: ['channels'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.channels.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/channels', summary: 'Connect a WhatsApp number', tags: ['channels'], auth: ADMIN, status: 201,
      body: z.strictObject({
        name, display_number: phoneInput, phone_number_id: whatsappId, waba_id: whatsappId,
        access_token: secret(4096), app_secret: secret(512), verify_token: secret(256).optional().describe('Generated when omitted.'),
        ...callingSettings,
      }),
      handler: ({ actor, body }) => s.channels.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/channels/:id', summary: 'Change a channel and its calling settings (admins)', tags: ['channels'], auth: ADMIN, params: idParams,
      body: z.strictObject({
        name: name.optional(), display_number: phoneInput.optional(), phone_number_id: whatsappId.optional(), waba_id: whatsappId.optional(),
        access_token: secret(4096).optional(), app_secret: secret(512).optional(), verify_token: secret(256).optional(),
        ...callingSettings,
      }),
      handler: ({ actor, params, body }) => s.channels.update(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/channels/:id', summary: 'Delete a channel with its ring groups and memberships', tags: ['channels'], auth: ADMIN, params: idParams,
      handler: async ({ actor, params }) => {
        await s.channels.remove(actor, params.id);
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/channels/:id/members', summary: 'The channel\'s members', tags: ['channels'], auth: STAFF, params: idParams,
      handler: ({ actor, params }) => s.channels.members(actor, params.id),
    }),
    route({
      method: 'PUT', url: '/api/channels/:id/members', summary: 'Set the channel\'s members (those removed also leave its ring groups)', tags: ['channels'], auth: ADMIN, params: idParams,
      body: z.strictObject({ user_ids: uniqueIds(2000) }),
      handler: ({ actor, params, body }) => s.channels.setMembers(actor, params.id, body.user_ids),
    }),
    route({
      method: 'POST', url: '/api/channels/:id/members', summary: 'Add a member', tags: ['channels'], auth: ADMIN, params: idParams,
      body: z.strictObject({ user_id: z.uuid() }),
      handler: ({ actor, params, body }) => s.channels.addMember(actor, params.id, body.user_id),
    }),
    route({
      method: 'DELETE', url: '/api/channels/:id/members/:user_id', summary: 'Remove a member (also from the channel\'s ring groups)', tags: ['channels'], auth: ADMIN,
      params: z.strictObject({ id: z.uuid(), user_id: z.uuid() }),
      handler: async ({ actor, params }) => {
        await s.channels.removeMember(actor, params.id, params.user_id);
        return undefined;
      },
    }),
  ];
}
