import { getCountries } from 'libphonenumber-js/max';
import { z } from 'zod';
import { complianceLists } from '../../app/compliance/compliance-service.js';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ADMIN, route } from '../route.js';
import { countryCode, idParams, optionalText, phoneInput } from './fields.js';

const dialable = new Set<string>(getCountries());
const list = z.enum(complianceLists);

export function complianceRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/compliance/numbers', summary: 'Numbers on the do-not-call, deny and allow lists', tags: ['compliance'], auth: ADMIN,
      query: z.strictObject({ ...pageQuery, list: list.optional() }),
      handler: ({ actor, query }) => s.compliance.listNumbers(actor, query),
    }),
    route({
      method: 'GET', url: '/api/compliance/numbers/:id', summary: 'One list entry', tags: ['compliance'], auth: ADMIN, params: idParams,
      handler: ({ actor, params }) => s.compliance.getNumber(actor, params.id),
    }),
    route({
      method: 'POST', url: '/api/compliance/numbers', summary: 'Put a number on a list (normalised to E.164)', tags: ['compliance'], auth: ADMIN, status: 201,
      body: z.strictObject({ list, phone_number: phoneInput, note: optionalText(500) }),
      handler: ({ actor, body }) => s.compliance.addNumber(actor, body),
    }),
    route({
      method: 'DELETE', url: '/api/compliance/numbers/:id', summary: 'Take a number off its list', tags: ['compliance'], auth: ADMIN, params: idParams,
      handler: async ({ actor, params }) => {
        await s.compliance.removeNumber(actor, params.id);
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/compliance/countries', summary: 'Allowed destination countries (empty = all)', tags: ['compliance'], auth: ADMIN,
      handler: ({ actor }) => s.compliance.countries(actor),
    }),
    route({
      method: 'PUT', url: '/api/compliance/countries', summary: 'Replace the allowed destination countries (empty = all)', tags: ['compliance'], auth: ADMIN,
      body: z.strictObject({
        countries: z.array(countryCode.refine((c) => dialable.has(c), 'not a country with phone numbers')).max(250)
          .refine((cs) => new Set(cs).size === cs.length, 'countries must be unique'),
      }),
      handler: ({ actor, body }) => s.compliance.setCountries(actor, body.countries),
    }),
  ];
}
