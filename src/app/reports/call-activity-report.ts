import { expressionBuilder, sql, type AliasableExpression } from 'kysely';
import { callResults, type CallResult } from '../../domain/calls/index.js';
import { activityOutcomeOf, formatZonedIso } from '../../domain/reports/index.js';
import type { DB, CallsTable } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { callsInScope, resolveScope, type NamedScope, type ReportScope } from './report-scope.js';
import { reportSettings } from './report-settings.js';
import { supervisedCalls, supervisionScope } from '../supervision/supervision-scope.js';

export const activityGroupings = ['agent', 'agent_group', 'channel', 'hour'] as const;
export type ActivityGrouping = (typeof activityGroupings)[number];

export interface CallActivityQuery {
  from: Date;
  to: Date;
  group_by: ActivityGrouping;
  direction: 'inbound' | 'outbound';
  scope: ReportScope;
}

export interface ActivityCounts {
  answered: number;
  unanswered: number;
  voicemail: number;
  /** Calls of the range still going on (no result yet). */
  in_progress: number;
  total: number;
  /** Each result on its own: what "unanswered" is made of. */
  by_result: Record<CallResult, number>;
}

export interface ActivityGroup extends ActivityCounts {
  /** Agent, group or channel id; for hours the local hour's start (ISO 8601 with offset); null: none. */
  key: string | null;
  name: string;
}

export interface CallActivity {
  from: string;
  to: string;
  time_zone: string;
  group_by: ActivityGrouping;
  direction: 'inbound' | 'outbound';
  scope: NamedScope;
  groups: ActivityGroup[];
  totals: ActivityCounts;
}

const emptyCounts = (): ActivityCounts => ({
  answered: 0, unanswered: 0, voicemail: 0, in_progress: 0, total: 0,
  by_result: Object.fromEntries(callResults.map((r) => [r, 0])) as Record<CallResult, number>,
});

function add(counts: ActivityCounts, result: CallResult | null, n: number): void {
  counts.total += n;
  if (result === null) {
    counts.in_progress += n;
    return;
  }
  counts.by_result[result] += n;
  counts[activityOutcomeOf[result]] += n;
}

const eb = expressionBuilder<DB & { c: CallsTable }, 'c'>();

/**
 * Which group a call counts for. A call no agent answered counts for the agent it was last offered
 * to (who rejected or missed it); one never offered, for nobody ("N/A"). Hours are local hours of
 * the tenant's zone, as instants (so a daylight-saving hour that repeats stays two hours).
 */
function groupKey(by: ActivityGrouping, timeZone: string): AliasableExpression<string | Date | null> {
  switch (by) {
    case 'agent':
      return eb.fn.coalesce(
        'c.agent_id',
        eb.selectFrom('call_offers as o').select('o.agent_id').whereRef('o.call_id', '=', 'c.id').orderBy('o.offered_at', 'desc').orderBy('o.id', 'desc').limit(1),
      );
    case 'agent_group':
      return eb.ref('c.agent_group_id');
    case 'channel':
      return eb.ref('c.channel_id');
    case 'hour':
      return sql<Date>`date_trunc('hour', ${eb.ref('c.created_at')}, ${timeZone})`;
  }
}

async function namesOf(db: DbOrTx, tenantId: string, by: ActivityGrouping, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || by === 'hour') return new Map();
  const table = by === 'agent' ? 'users' : by === 'agent_group' ? 'agent_groups' : 'channels';
  const rows = await db.selectFrom(table).select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const localHourName = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${iso.slice(19)})`;

/** `GET /api/reports/call-activity`: answered vs unanswered (voicemail apart) per agent, group, channel or hour. */
export function createCallActivityReport(deps: Pick<CoreDeps, 'db'>) {
  const { db } = deps;

  return {
    async callActivity(actor: Actor, q: CallActivityQuery): Promise<CallActivity> {
      const scope = await resolveScope(db, actor.tenantId, q.scope);
      const { timeZone } = await reportSettings(db, actor.tenantId);
      let calls = db
        .selectFrom('calls as c')
        .select([groupKey(q.group_by, timeZone).as('key'), 'c.result'])
        .where('c.tenant_id', '=', actor.tenantId)
        .where('c.direction', '=', q.direction)
        .where('c.created_at', '>=', q.from)
        .where('c.created_at', '<', q.to);
      const inScope = callsInScope(scope);
      if (inScope) calls = calls.where(inScope);
      const supervised = supervisedCalls(await supervisionScope(db, actor));
      if (supervised) calls = calls.where(supervised);
      // One row per group and result; the results are sorted into columns by the domain's table.
      const rows = await db
        .selectFrom(calls.as('x'))
        .select((s) => ['x.key', 'x.result', s.fn.countAll<number>().as('n')])
        .groupBy(['x.key', 'x.result'])
        .execute();

      const keyOf = (k: string | Date | null) => (k === null ? null : k instanceof Date ? formatZonedIso(k.getTime(), timeZone) : String(k));
      const groups = new Map<string | null, ActivityGroup>();
      const totals = emptyCounts();
      const instants = new Map<string, number>();
      for (const r of rows) {
        const key = keyOf(r.key);
        if (r.key instanceof Date && key) instants.set(key, r.key.getTime());
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { key, name: '', ...emptyCounts() }));
        add(g, r.result, Number(r.n));
        add(totals, r.result, Number(r.n));
      }
      const names = await namesOf(db, actor.tenantId, q.group_by, [...groups.keys()].filter((k): k is string => k !== null));
      for (const g of groups.values()) {
        if (q.group_by === 'hour') g.name = g.key ? localHourName(g.key) : '';
        else g.name = g.key === null ? (q.group_by === 'agent' ? 'N/A' : 'No agent group') : (names.get(g.key) ?? 'Deleted');
      }
      const list = [...groups.values()].sort((a, b) =>
        q.group_by === 'hour'
          ? (instants.get(a.key ?? '') ?? 0) - (instants.get(b.key ?? '') ?? 0)
          : Number(a.key === null) - Number(b.key === null) || a.name.localeCompare(b.name),
      );
      return { from: q.from.toISOString(), to: q.to.toISOString(), time_zone: timeZone, group_by: q.group_by, direction: q.direction, scope, groups: list, totals };
    },
  };
}
