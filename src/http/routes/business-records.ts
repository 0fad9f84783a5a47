import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, route } from '../route.js';
import { idParams, text, uniqueIds } from './fields.js';

export function businessRecordRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/calls/:id/business-record', summary: 'The call\'s business record: notes, tags, disposition', tags: ['business-records'], auth: ALL_ROLES,
      params: idParams,
      handler: ({ actor, params }) => s.businessRecords.get(actor, params.id),
    }),
    route({
      method: 'PUT', url: '/api/calls/:id/business-record',
      summary: 'Edit the call\'s business record during or after the call (the agent on it, supervisors, admins); fields left out keep their value',
      tags: ['business-records'], auth: ALL_ROLES, params: idParams,
      body: z.strictObject({
        notes: text(0, 10_000).optional(),
        tag_ids: uniqueIds(50).optional().describe('The whole set of tags, from GET /api/tags.'),
        disposition_id: z.uuid().nullable().optional().describe('One of the call\'s channel dispositions; null clears it.'),
        expected_version: z.number().int().min(0).optional().describe('The version you edited; 409 CONFLICT when someone saved since.'),
      }),
      handler: ({ actor, params, body }) => s.businessRecords.update(actor, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/calls/:id/business-record/history', summary: 'Every change of the call\'s business record: who, when, what (oldest first)',
      tags: ['business-records'], auth: ALL_ROLES, params: idParams, query: z.strictObject(pageQuery),
      handler: ({ actor, params, query }) => s.businessRecords.history(actor, params.id, query),
    }),
  ];
}
