import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { roles } from '../../domain/people.js';
import { ADMIN, ALL_ROLES, route } from '../route.js';
import { email, idParams, locale, name, password, timeZone } from './common.js';

const role = z.enum(roles);

export function userRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/users', summary: 'List users of the tenant', tags: ['users'], auth: ALL_ROLES,
      query: z.strictObject({ ...pageQuery, role: role.optional() }),
      handler: ({ actor, query }) => s.users.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/users/:id', summary: 'One user', tags: ['users'], auth: ALL_ROLES, params: idParams,
      handler: ({ actor, params }) => s.users.get(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/users', summary: 'Create a user', tags: ['users'], auth: ADMIN, status: 201,
      body: z.strictObject({ email, name, role, password, locale: locale.optional(), time_zone: timeZone.nullable().optional(), auto_answer: z.boolean().optional() }),
      handler: ({ actor, body }) => s.users.create(actor, body),
    }),
    route({
      method: 'PATCH', url: '/api/users/:id', summary: 'Change a user (admins: anyone; others: themselves)', tags: ['users'], auth: ALL_ROLES, params: idParams,
      body: z.strictObject({
        email: email.optional(), name: name.optional(), role: role.optional(), password: password.optional(), locale: locale.optional(),
        time_zone: timeZone.nullable().optional(), auto_answer: z.boolean().optional(), disabled: z.boolean().optional(),
      }),
      handler: ({ actor, params, body }) => s.users.update(actor, params.id, body),
    }),
  ];
}
