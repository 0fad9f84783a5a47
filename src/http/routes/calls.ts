import path from 'node:path';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { callResults, callStatuses } from '../../domain/calls/index.js';
import { ADMIN, ALL_ROLES, STAFF, route } from '../route.js';
import { idParams } from './common.js';

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const callListQuery = z.strictObject({
  ...pageQuery,
  from: isoDate.optional(),
  to: isoDate.optional(),
  channel_id: z.string().uuid().optional(),
  agent_id: z.string().uuid().optional(),
  agent_group_id: z.string().uuid().optional(),
  result: z.enum(callResults).optional(),
  status: z.enum(callStatuses).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  channel_type: z.enum(['whatsapp', 'voice']).optional(),
  contact_id: z.string().uuid().optional(),
  conversation_id: z.string().uuid().optional(),
  live: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const noBody = z.strictObject({});

export function callRoutes(s: Services) {
  const action = (name: 'accept' | 'reject' | 'hangup' | 'hold' | 'resume', summary: string) =>
    route({
      method: 'POST', url: `/api/calls/:id/${name}`, summary, tags: ['calls'], auth: ALL_ROLES, params: idParams, body: noBody,
      handler: async ({ actor, params }) => s.calls.summarize(await s.callCommands[name](actor, params.id)),
    });
  return [
    route({
      method: 'GET', url: '/api/calls', summary: 'Call records with filters, newest first', tags: ['calls'], auth: ALL_ROLES, query: callListQuery,
      handler: ({ actor, query }) => s.callQueries.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/calls/:id', summary: 'One call record with its journey and offers', tags: ['calls'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.callQueries.get(actor, params.id),
    }),
    route({
      method: 'GET', url: '/api/calls/:id/recording', summary: 'The call\'s recording (Ogg/Opus, stereo: caller left); supports Range requests', tags: ['calls'],
      auth: ALL_ROLES, params: idParams,
      handler: async ({ actor, params, reply }) => {
        const file = await s.callQueries.recordingPath(actor, params.id);
        reply.header('content-type', 'audio/ogg');
        reply.header('cache-control', 'private, no-store');
        return reply.sendFile(path.basename(file), path.dirname(file));
      },
    }),
    route({
      method: 'DELETE', url: '/api/calls/:id', summary: 'Delete an ended call record, its journey and its recording (admins)', tags: ['calls'],
      auth: ADMIN, params: idParams,
      handler: async ({ actor, params }) => {
        await s.callQueries.remove(actor, params.id);
        return undefined;
      },
    }),
    action('accept', 'Accept an offered call (first accept wins)'),
    action('reject', 'Decline an offered call (it is offered to the next agent)'),
    action('hangup', 'Hang up (the agent on the call; supervisors and admins end any call)'),
    action('hold', 'Put the caller on hold (music; auto-retrieve after the hold limit)'),
    action('resume', 'Take the caller off hold'),
    route({
      method: 'POST', url: '/api/calls/:id/transfer', summary: 'Transfer to an agent group (new offer round) or to an agent', tags: ['calls'], auth: ALL_ROLES,
      params: idParams, body: z.strictObject({ agent_group_id: z.string().uuid().optional(), agent_id: z.string().uuid().optional() }),
      handler: async ({ actor, params, body }) => s.calls.summarize(await s.callCommands.transfer(actor, params.id, body)),
    }),
    route({
      method: 'POST', url: '/api/calls/:id/dtmf', summary: 'Send DTMF digits to the caller', tags: ['calls'], auth: ALL_ROLES,
      params: idParams, body: z.strictObject({ digits: z.string().regex(/^[0-9*#A-D]{1,32}$/) }),
      handler: async ({ actor, params, body }) => s.calls.summarize(await s.callCommands.dtmf(actor, params.id, body.digits)),
    }),
    route({
      method: 'POST', url: '/api/calls/:id/monitor', summary: 'Listen to, whisper to the agent of, or barge into a live call; "stop" ends monitoring. The audio leg is offered on the WebSocket (media.offer).', tags: ['calls'],
      auth: STAFF, params: idParams, body: z.strictObject({ mode: z.enum(['listen', 'whisper', 'barge', 'stop']) }),
      handler: ({ actor, params, body }) => s.callCommands.monitor(actor, params.id, body.mode),
    }),
    route({
      method: 'POST', url: '/api/calls/:id/mute', summary: 'Mute or unmute the agent (honoured on the media bridge)', tags: ['calls'], auth: ALL_ROLES,
      params: idParams, body: z.strictObject({ muted: z.boolean() }),
      handler: async ({ actor, params, body }) => s.calls.summarize(await s.callCommands.mute(actor, params.id, body.muted)),
    }),
  ];
}
