import { formatDuration } from '../../domain/calls/index.js';
import { addCall, emptyTally, summarize, type CallMetrics, type MetricsTally, type Occupancy } from '../../domain/reports/index.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { occupancyOf } from './occupancy-report.js';
import { reportCallColumns, toReportCall } from './report-rows.js';
import { agentsInScope, callsInScope, resolveScope, type NamedScope, type ReportScope } from './report-scope.js';
import { reportSettings } from './report-settings.js';
import { supervisedCalls, supervisionScope } from '../supervision/supervision-scope.js';

export interface MetricsQuery {
  from: Date;
  to: Date;
  scope: ReportScope;
}

export type MetricsReport = CallMetrics & Occupancy & {
  from: string;
  to: string;
  scope: NamedScope;
  service_level_threshold_s: number;
  short_abandon_s: number;
  asa: string | null;
  aht: string | null;
};

const PAGE = 5_000;

/** `GET /api/reports/metrics`: the SPEC §7 metrics of the inbound calls that arrived in [from, to). */
export function createMetricsReport(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  return {
    async metrics(actor: Actor, q: MetricsQuery): Promise<MetricsReport> {
      const scope = await resolveScope(db, actor.tenantId, q.scope);
      const { policy } = await reportSettings(db, actor.tenantId);
      const rules = { ...policy, agentId: scope.kind === 'agent' ? scope.id : null };
      const inScope = callsInScope(scope);
      const supervision = await supervisionScope(db, actor);
      const supervised = supervisedCalls(supervision);

      // Folded page by page (keyset on creation time and id), so a long range never sits in memory.
      let tally: MetricsTally = emptyTally();
      let after: { at: Date; id: string } | null = null;
      for (;;) {
        let page = db
          .selectFrom('calls as c')
          .select([...reportCallColumns, 'c.created_at'])
          .where('c.tenant_id', '=', actor.tenantId)
          .where('c.direction', '=', 'inbound')
          .where('c.created_at', '>=', q.from)
          .where('c.created_at', '<', q.to);
        if (inScope) page = page.where(inScope);
        if (supervised) page = page.where(supervised);
        if (after) {
          const { at, id } = after;
          page = page.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(at, id)));
        }
        const rows = await page.orderBy('c.created_at').orderBy('c.id').limit(PAGE).execute();
        for (const r of rows) tally = addCall(tally, toReportCall(r), rules);
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1]!;
        after = { at: last.created_at, id: last.id };
      }

      const metrics = summarize(tally);
      const scoped = await agentsInScope(db, actor.tenantId, scope);
      // A scoped supervisor's occupancy covers their agents only.
      const agents = supervision === 'all' ? scoped : (scoped === 'all' ? [...supervision.agentIds] : scoped.filter((a) => supervision.agentIds.has(a)));
      const occ = await occupancyOf(db, actor.tenantId, agents, { from: q.from.getTime(), to: q.to.getTime() }, clock.now().getTime());
      return {
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        scope,
        service_level_threshold_s: policy.serviceLevelThresholdS,
        short_abandon_s: policy.shortAbandonS,
        ...metrics,
        asa: formatDuration(metrics.asa_seconds),
        aht: formatDuration(metrics.aht_seconds),
        ...occ,
      };
    },
  };
}
