import { z } from 'zod';
import type { Expression, SqlBool } from 'kysely';
import { listFilterExpression } from '../../app/calls/call-export.js';
import { searchConditions, searchExpression } from '../../app/calls/call-search.js';
import { activityGroupings } from '../../app/reports/call-activity-report.js';
import { scopeKinds, type ReportScope } from '../../app/reports/report-scope.js';
import type { Services } from '../../app/services.js';
import { ALL_ROLES, STAFF, route, type RouteContext } from '../route.js';
import { callListQuery } from './calls.js';

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const MAX_RANGE_DAYS = 366;

/** from/to and a scope, checked together: to after from, at most a year, scope_id exactly when the scope names something. */
const rangeAndScope = {
  from: isoDate,
  to: isoDate,
  scope: z.enum(scopeKinds).default('tenant'),
  scope_id: z.uuid().optional(),
};

function checkRangeAndScope(q: { from: Date; to: Date; scope: string; scope_id?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.to.getTime() <= q.from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (q.to.getTime() - q.from.getTime() > MAX_RANGE_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
  if (q.scope === 'tenant' && q.scope_id) ctx.addIssue({ code: 'custom', path: ['scope_id'], message: 'the tenant scope takes no scope_id' });
  if (q.scope !== 'tenant' && !q.scope_id) ctx.addIssue({ code: 'custom', path: ['scope_id'], message: `required for the ${q.scope} scope` });
}

const scopeOf = (q: { scope: (typeof scopeKinds)[number]; scope_id?: string | undefined }): ReportScope =>
  q.scope === 'tenant' ? { kind: 'tenant' } : { kind: q.scope, id: q.scope_id! };

export const metricsQuery = z.strictObject(rangeAndScope).superRefine(checkRangeAndScope);

export const callActivityQuery = z
  .strictObject({ ...rangeAndScope, group_by: z.enum(activityGroupings), direction: z.enum(['inbound', 'outbound']).default('inbound') })
  .superRefine(checkRangeAndScope);

const searchBody = {
  match: z.enum(['all', 'any']).default('all'),
  conditions: searchConditions,
};

export const callSearchBody = z.strictObject({
  ...searchBody,
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.uuid().optional(),
});

export const exportSearchBody = z.strictObject(searchBody);
export const exportQuery = callListQuery.omit({ limit: true, cursor: true });

export function reportRoutes(s: Services) {
  const sendCsv = async (ctx: RouteContext<unknown, unknown, unknown>, filter: Expression<SqlBool> | null) => {
    const { filename, stream } = await s.reports.exportCsv(ctx.actor, filter);
    ctx.reply.header('content-type', 'text/csv; charset=utf-8; header=present');
    ctx.reply.header('content-disposition', `attachment; filename="${filename}"`);
    ctx.reply.header('cache-control', 'private, no-store');
    return stream;
  };
  return [
    route({
      method: 'GET', url: '/api/reports/metrics', tags: ['reports'], auth: STAFF, query: metricsQuery,
      summary: 'Offered, answered, abandoned, short-abandoned, service level, ASA, abandonment rate, AHT and occupancy (SPEC §7) of a range and scope',
      handler: ({ actor, query }) => s.reports.metrics(actor, { from: query.from, to: query.to, scope: scopeOf(query) }),
    }),
    route({
      method: 'GET', url: '/api/reports/call-activity', tags: ['reports'], auth: STAFF, query: callActivityQuery,
      summary: 'Call Activity: answered vs unanswered calls (voicemail apart) per agent, agent group, channel or local hour',
      handler: ({ actor, query }) =>
        s.reports.callActivity(actor, { from: query.from, to: query.to, group_by: query.group_by, direction: query.direction, scope: scopeOf(query) }),
    }),
    route({
      method: 'GET', url: '/api/reports/wallboard', tags: ['reports'], auth: STAFF,
      summary: 'Wallboard snapshot: agents by status with time in status, waiting calls, calls in progress and today\'s figures',
      handler: ({ actor }) => s.reports.wallboard(actor),
    }),
    route({
      method: 'POST', url: '/api/calls/search', tags: ['calls'], auth: ALL_ROLES, body: callSearchBody,
      summary: 'Advanced search of call records: field / operator / value conditions, all or any of them; same items and cursor as GET /api/calls',
      handler: ({ actor, body }) => s.reports.search(actor, body),
    }),
    route({
      method: 'GET', url: '/api/calls/export.csv', tags: ['calls'], auth: ALL_ROLES, query: exportQuery,
      summary: 'CSV export of the call records GET /api/calls would list with the same filters (every page)',
      handler: (ctx) => sendCsv(ctx, listFilterExpression(ctx.query)),
    }),
    route({
      method: 'POST', url: '/api/calls/export.csv', tags: ['calls'], auth: ALL_ROLES, body: exportSearchBody,
      summary: 'CSV export of the call records an advanced search matches (every page)',
      handler: (ctx) => sendCsv(ctx, searchExpression(ctx.body)),
    }),
  ];
}
