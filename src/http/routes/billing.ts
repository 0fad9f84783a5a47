import { getCountries } from 'libphonenumber-js/max';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { ADMIN, ALL_ROLES, STAFF, route } from '../route.js';
import { countryCode, optionalText } from './fields.js';

const dialable = new Set<string>(getCountries());
const MAX_MINOR = 1_000_000_000_000;

const rateCountry = z.union([z.literal('*'), countryCode.refine((c) => dialable.has(c), 'not a country with phone numbers')]);
const rates = z
  .array(z.strictObject({ country: rateCountry, rate_per_minute_minor: z.number().int().min(0).max(MAX_MINOR) }))
  .max(300)
  .refine((rows) => new Set(rows.map((r) => r.country)).size === rows.length, 'one rate per country');

export function billingRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/billing/rates', summary: 'Per-minute rates by callee country (minor units; * = any other country)', tags: ['billing'], auth: STAFF,
      handler: ({ actor }) => s.billing.rates(actor),
    }),
    route({
      method: 'PUT', url: '/api/billing/rates', summary: 'Replace the rate table', tags: ['billing'], auth: ADMIN,
      body: z.strictObject({ rates }),
      handler: ({ actor, body }) => s.billing.setRates(actor, body.rates),
    }),
    route({
      method: 'GET', url: '/api/billing/balance', summary: 'Voice balance, minimums and who to ask for a top-up', tags: ['billing'], auth: ALL_ROLES,
      handler: ({ actor }) => s.billing.balance(actor),
    }),
    route({
      method: 'POST', url: '/api/billing/top-ups', summary: 'Top up the voice balance (at least the minimum top-up)', tags: ['billing'], auth: ADMIN, status: 201,
      body: z.strictObject({ amount_minor: z.number().int().min(1).max(MAX_MINOR), note: optionalText(500) }),
      handler: ({ actor, body }) => s.billing.topUp(actor, body),
    }),
    route({
      method: 'GET', url: '/api/billing/ledger', summary: 'Every balance change, newest first (call charges name their call_id)', tags: ['billing'], auth: STAFF,
      query: z.strictObject({ ...pageQuery, kind: z.enum(['top_up', 'call_charge', 'adjustment']).optional(), call_id: z.uuid().optional() }),
      handler: ({ actor, query }) => s.billing.ledger(actor, query),
    }),
  ];
}
