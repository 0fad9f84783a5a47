import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, STAFF, route } from '../route.js';
import { idParams, optionalText, phoneInput, text } from './fields.js';

export function contactRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/contacts', summary: 'Search contacts by name or number', tags: ['contacts'], auth: ALL_ROLES,
      query: z.strictObject({ ...pageQuery, q: text(0, 100).optional() }),
      handler: ({ actor, query }) => s.contacts.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/contacts/:id', summary: 'One contact', tags: ['contacts'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.contacts.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/contacts', summary: 'Create a contact (number normalised to E.164)', tags: ['contacts'], auth: ALL_ROLES, status: 201,
      body: z.strictObject({ phone_number: phoneInput, name: optionalText(200), notes: optionalText(5000) }),
      handler: ({ actor, body }) => s.contacts.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/contacts/:id', summary: 'Change a contact', tags: ['contacts'], auth: ALL_ROLES, params: idParams,
      body: z.strictObject({ phone_number: phoneInput.optional(), name: optionalText(200), notes: optionalText(5000) }),
      handler: ({ actor, params, body }) => s.contacts.update(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/contacts/:id', summary: 'Delete a contact', tags: ['contacts'], auth: STAFF, params: idParams,
      handler: async ({ actor, params }) => {
        await s.contacts.remove(actor, params.id);
        return undefined;
      },
    }),
  ];
}
