import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { callResults, callStatuses } from '../../domain/calls/index.js';
import type { Actor } from '../actor.js';
import { visibleChannelIds } from '../conversations/conversation-access.js';
import { supervisedCalls, supervisionScope } from '../supervision/supervision-scope.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { toPage } from '../pagination.js';
import type { CallsTable } from '../../store/schema/index.js';
import { createCallQueries } from './call-queries.js';

export const searchOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in'] as const;
export type SearchOp = (typeof searchOps)[number];

type Kind = 'enum' | 'id' | 'text' | 'number' | 'time';

const opsOf: Record<Kind, readonly SearchOp[]> = {
  enum: ['eq', 'neq', 'in'],
  id: ['eq', 'neq', 'in'],
  text: ['eq', 'neq', 'contains', 'in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in'],
  time: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
};

interface FieldRule {
  kind: Kind;
  /** What one value must be. */
  value: z.ZodType;
  /** The column may be empty: `eq`/`neq` then take null ("has no agent"). */
  nullable: boolean;
}

const uuid = z.uuid();
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** Every field a search may name, with the operators and values it takes. */
const fieldRules = {
  direction: { kind: 'enum', value: z.enum(['inbound', 'outbound']), nullable: false },
  status: { kind: 'enum', value: z.enum(callStatuses), nullable: false },
  result: { kind: 'enum', value: z.enum(callResults), nullable: true },
  channel_id: { kind: 'id', value: uuid, nullable: false },
  channel_type: { kind: 'enum', value: z.enum(['whatsapp', 'voice']), nullable: false },
  agent_id: { kind: 'id', value: uuid, nullable: true },
  agent_group_id: { kind: 'id', value: uuid, nullable: true },
  customer_number: { kind: 'text', value: z.string().min(1).max(64).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'), nullable: true },
  ended_by: { kind: 'enum', value: z.enum(['customer', 'agent', 'system', 'provider']), nullable: true },
  talk_seconds: { kind: 'number', value: count, nullable: true },
  wait_seconds: { kind: 'number', value: count, nullable: true },
  hold_seconds: { kind: 'number', value: count, nullable: false },
  cost_minor: { kind: 'number', value: count, nullable: true },
  created_at: { kind: 'time', value: instant, nullable: false },
  offered_at: { kind: 'time', value: instant, nullable: true },
  ended_at: { kind: 'time', value: instant, nullable: true },
} as const satisfies Record<string, FieldRule>;

export type SearchField = keyof typeof fieldRules;
export const searchFields = Object.keys(fieldRules) as [SearchField, ...SearchField[]];

const IN_MAX = 100;

type Scalar = string | number | Date;
export interface SearchCondition {
  field: SearchField;
  op: SearchOp;
  /** A list for `in`; null only for `eq`/`neq` on a field that may be empty. */
  value: Scalar | Scalar[] | null;
}

export interface CallSearch {
  match: 'all' | 'any';
  conditions: SearchCondition[];
}

/** Checks each condition against its field's rules; issues name the condition's index. */
function checkConditions(list: { field: SearchField; op: SearchOp; value?: unknown }[], ctx: z.RefinementCtx): SearchCondition[] {
  return list.map((c, i) => {
    const rule: FieldRule = fieldRules[c.field];
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [i, path], message: `condition ${i} (${c.field} ${c.op}): ${message}` });
      return { field: c.field, op: c.op, value: null };
    };
    const ops = opsOf[rule.kind];
    if (!ops.includes(c.op)) return fail('op', `${c.field} takes ${ops.join(', ')}`);
    if (c.value === undefined) return fail('value', 'a value is required');
    if (c.value === null) {
      if (rule.nullable && (c.op === 'eq' || c.op === 'neq')) return { field: c.field, op: c.op, value: null };
      return fail('value', rule.nullable ? 'null only goes with eq or neq' : `${c.field} is never empty`);
    }
    if (c.op === 'in') {
      if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > IN_MAX) return fail('value', `in takes a list of 1 to ${IN_MAX} values`);
      const items = c.value.map((v) => rule.value.safeParse(v));
      const bad = items.findIndex((r) => !r.success);
      if (bad >= 0) return fail('value', `item ${bad}: ${items[bad]!.error!.issues[0]?.message ?? 'invalid'}`);
      return { field: c.field, op: c.op, value: items.map((r) => r.data as Scalar) };
    }
    const parsed = rule.value.safeParse(c.value);
    if (!parsed.success) return fail('value', parsed.error.issues[0]?.message ?? 'invalid value');
    return { field: c.field, op: c.op, value: parsed.data as Scalar };
  });
}

const opsByField = Object.entries(fieldRules).map(([f, r]) => `${f}: ${opsOf[r.kind].join(', ')}`).join('; ');

/** The conditions of a search body: field and operator named from fixed lists, the value checked per field. */
export const searchConditions = z
  .array(z.strictObject({ field: z.enum(searchFields), op: z.enum(searchOps), value: z.unknown().optional() }))
  .max(20)
  .describe(`Operators per field — ${opsByField}. "in" takes a list of up to ${IN_MAX} values; times are ISO 8601 with an offset; eq/neq null finds empty columns.`)
  .default([])
  .transform(checkConditions);

/** `contains` matches the text as typed: LIKE's wildcards in it are escaped. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

type CallsScope = { c: CallsTable };
const eb = expressionBuilder<CallsScope, 'c'>();

function conditionExpression(cond: SearchCondition): Expression<SqlBool> {
  const col = eb.ref(`c.${cond.field}`);
  const v = cond.value as never;
  switch (cond.op) {
    case 'eq':
      return cond.value === null ? eb(col, 'is', null) : eb(col, '=', v);
    case 'neq':
      // An empty column differs from any value: "result neq answered" keeps the calls still live.
      return cond.value === null ? eb(col, 'is not', null) : eb(col, 'is distinct from', v);
    case 'gt':
      return eb(col, '>', v);
    case 'gte':
      return eb(col, '>=', v);
    case 'lt':
      return eb(col, '<', v);
    case 'lte':
      return eb(col, '<=', v);
    case 'in':
      return eb(col, 'in', v);
    case 'contains':
      return eb(col, 'ilike', `%${escapeLike(String(cond.value))}%` as never);
  }
}

/** The search as one Kysely expression over `calls as c` (null: no condition, every visible call). */
export function searchExpression(search: CallSearch): Expression<SqlBool> | null {
  if (search.conditions.length === 0) return null;
  const parts = search.conditions.map(conditionExpression);
  return search.match === 'all' ? eb.and(parts) : eb.or(parts);
}

/** What an actor may see, as an expression (null for staff): agents see their channels' calls and their own. */
export async function visibleCallsExpression(db: DbOrTx, actor: Actor): Promise<Expression<SqlBool> | null> {
  if (actor.role === 'supervisor') return supervisedCalls(await supervisionScope(db, actor));
  const visible = await visibleChannelIds(db, actor);
  if (visible === 'all') return null;
  return eb.or([...(visible.length ? [eb('c.channel_id', 'in', visible)] : []), eb('c.agent_id', '=', actor.userId)]);
}

export interface CallSearchQuery extends CallSearch {
  limit: number;
  cursor?: string | undefined;
}

/** `POST /api/calls/search`: the list's records, newest first, matching all or any of the conditions. */
export function createCallSearch(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  const { db } = deps;
  const records = createCallQueries(deps);

  return {
    async search(actor: Actor, q: CallSearchQuery) {
      let query = records.recordQuery().where('c.tenant_id', '=', actor.tenantId);
      const visible = await visibleCallsExpression(db, actor);
      if (visible) query = query.where(visible);
      const matching = searchExpression(q);
      if (matching) query = query.where(matching);
      if (q.cursor) {
        // Same order and cursor as GET /api/calls: creation time, then id, newest first.
        const at = await db.selectFrom('calls').select('created_at').where('id', '=', q.cursor).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        if (at) {
          const cursor = q.cursor;
          query = query.where((w) => w.or([w('c.created_at', '<', at.created_at), w.and([w('c.created_at', '=', at.created_at), w('c.id', '<', cursor)])]));
        }
      }
      const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
      return toPage(rows.map(records.recordView), q.limit);
    },
  };
}

export type CallSearchService = ReturnType<typeof createCallSearch>;
