import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { formatDuration } from '../../domain/calls/index.js';
import {
  activityOutcomeOf, addCall, emptyTally, formatZonedIso, startOfZonedDay, summarize, type CallMetrics,
} from '../../domain/reports/index.js';
import type { EffectiveStatus } from '../../domain/people.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { reportCallColumns, toReportCall } from './report-rows.js';
import { reportSettings } from './report-settings.js';
import { supervisedCalls, supervisionScope } from '../supervision/supervision-scope.js';

const WAITING = ['routing', 'offering', 'queued'];

export interface WallboardAgent {
  user_id: string;
  name: string;
  role: string;
  /** Busy while on a call, otherwise the status chosen (the rule of GET /api/presence and `presence.changed`). */
  effective_status: EffectiveStatus;
  status: string;
  pause_reason: string | null;
  since: string;
  seconds_in_status: number;
  current_call_id: string | null;
}

export interface WallboardCall {
  id: string;
  status: string;
  direction: string;
  channel_id: string;
  channel_name: string;
  customer_number: string | null;
  contact_name: string | null;
  agent_id: string | null;
  agent_name: string | null;
  agent_group_id: string | null;
  agent_group_name: string | null;
  offered_at: string | null;
  answered_at: string | null;
  /** Waiting calls: since reaching routing. Calls in progress: since the answer (null before it). */
  seconds: number | null;
  duration: string | null;
}

export interface Wallboard {
  now: string;
  time_zone: string;
  day_start: string;
  agents: WallboardAgent[];
  agents_by_status: Record<EffectiveStatus, number>;
  waiting: WallboardCall[];
  in_progress: WallboardCall[];
  today: Pick<CallMetrics, 'offered' | 'answered' | 'abandoned' | 'short_abandoned' | 'service_level_pct' | 'asa_seconds' | 'abandonment_rate_pct'> & {
    /** Inbound calls of today that ended without an answer (abandoned ones included), voicemail apart. */
    unanswered: number;
    voicemail: number;
    service_level_threshold_s: number;
  };
}

/**
 * `GET /api/reports/wallboard`: the snapshot the supervisors' wallboard starts from before it
 * follows the WebSocket events. Agents and live calls come in one query, today's calls in another.
 */
export function createWallboard(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  return {
    async wallboard(actor: Actor): Promise<Wallboard> {
      const { timeZone, policy } = await reportSettings(db, actor.tenantId);
      const scope = await supervisionScope(db, actor);
      const scopedCalls = supervisedCalls(scope);
      const now = clock.now().getTime();
      const dayStart = startOfZonedDay(now, timeZone);

      const live = await db
        .selectNoFrom((eb) => [
          jsonArrayFrom(
            eb.selectFrom('users as u')
              .innerJoin('agent_presence as p', 'p.user_id', 'u.id')
              .leftJoin('pause_reasons as r', 'r.id', 'p.pause_reason_id')
              .select(['u.id', 'u.name', 'u.role', 'p.status', 'p.status_since', 'p.current_call_id', 'p.busy_since', 'r.name as pause_reason'])
              .where('u.tenant_id', '=', actor.tenantId)
              .where('u.disabled', '=', false)
              // Agents always; staff who take calls when they are signed in.
              .where((w) => w.or([w('u.role', '=', 'agent'), w('p.status', '<>', 'offline'), w('p.current_call_id', 'is not', null)]))
              .$if(scope !== 'all', (q) => q.where('u.id', 'in', scope === 'all' ? [] : [...scope.agentIds]))
              .orderBy('u.name').orderBy('u.id'),
          ).as('agents'),
          jsonArrayFrom(
            eb.selectFrom('calls as c')
              .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
              .leftJoin('users as a', 'a.id', 'c.agent_id')
              .leftJoin('agent_groups as g', 'g.id', 'c.agent_group_id')
              .leftJoin('contacts as k', 'k.id', 'c.contact_id')
              .select([
                'c.id', 'c.status', 'c.direction', 'c.channel_id', 'ch.name as channel_name', 'c.customer_number', 'k.name as contact_name',
                'c.agent_id', 'a.name as agent_name', 'c.agent_group_id', 'g.name as agent_group_name', 'c.offered_at', 'c.answered_at', 'c.created_at',
              ])
              .where('c.tenant_id', '=', actor.tenantId)
              .where('c.status', '<>', 'ended')
              .$if(scopedCalls !== null, (q) => q.where(scopedCalls!))
              .orderBy('c.created_at').orderBy('c.id'),
          ).as('calls'),
        ])
        .executeTakeFirstOrThrow();

      const today = await db
        .selectFrom('calls as c')
        .select(reportCallColumns)
        .where('c.tenant_id', '=', actor.tenantId)
        .where('c.direction', '=', 'inbound')
        .where('c.created_at', '>=', new Date(dayStart))
        .$if(scopedCalls !== null, (q) => q.where(scopedCalls!))
        .execute();

      const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
      const secondsSince = (at: number | null) => (at === null ? null : Math.max(0, Math.floor((now - at) / 1000)));

      const agents: WallboardAgent[] = live.agents.map((a) => {
        const busy = a.current_call_id !== null;
        const since = (busy ? ms(a.busy_since) : null) ?? ms(a.status_since)!;
        return {
          user_id: a.id, name: a.name, role: a.role, effective_status: busy ? 'busy' : a.status, status: a.status, pause_reason: a.pause_reason,
          since: new Date(since).toISOString(), seconds_in_status: secondsSince(since) ?? 0, current_call_id: a.current_call_id,
        };
      });
      const agentsByStatus: Record<EffectiveStatus, number> = { available: 0, busy: 0, after_call_work: 0, paused: 0, offline: 0 };
      for (const a of agents) agentsByStatus[a.effective_status] += 1;

      const calls = live.calls.map((c) => {
        const waiting = WAITING.includes(c.status);
        const seconds = secondsSince(waiting ? (ms(c.offered_at) ?? ms(c.created_at)) : ms(c.answered_at));
        const { created_at: _created, ...rest } = c;
        const iso = (v: string | null) => (v === null ? null : new Date(Date.parse(v)).toISOString());
        const call: WallboardCall = { ...rest, offered_at: iso(c.offered_at), answered_at: iso(c.answered_at), seconds, duration: formatDuration(seconds) };
        return { waiting, call };
      });

      let tally = emptyTally();
      let unanswered = 0;
      let voicemail = 0;
      for (const r of today) {
        tally = addCall(tally, toReportCall(r), policy);
        if (r.result && activityOutcomeOf[r.result] === 'unanswered') unanswered += 1;
        if (r.result && activityOutcomeOf[r.result] === 'voicemail') voicemail += 1;
      }
      const m = summarize(tally);
      return {
        now: new Date(now).toISOString(),
        time_zone: timeZone,
        day_start: formatZonedIso(dayStart, timeZone),
        agents,
        agents_by_status: agentsByStatus,
        waiting: calls.filter((c) => c.waiting).map((c) => c.call),
        in_progress: calls.filter((c) => !c.waiting).map((c) => c.call),
        today: {
          offered: m.offered, answered: m.answered, unanswered, voicemail, abandoned: m.abandoned, short_abandoned: m.short_abandoned,
          service_level_pct: m.service_level_pct, asa_seconds: m.asa_seconds, abandonment_rate_pct: m.abandonment_rate_pct,
          service_level_threshold_s: policy.serviceLevelThresholdS,
        },
      };
    },
  };
}
