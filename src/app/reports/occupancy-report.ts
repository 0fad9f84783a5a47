import {
  availableSeconds, callReleaseSources, elapsedPart, handleSecondsInRange, occupancy, presenceAtStart,
  type Occupancy, type PresenceChange, type ReportRange,
} from '../../domain/reports/index.js';
import type { DbOrTx } from '../deps.js';

/** Wrap-up is at most an hour (agent_groups.wrap_up_seconds), so calls ended earlier than that cannot reach the range. */
const MAX_WRAP_UP_MS = 3_600_000;

/**
 * Occupancy of a set of people over a range: handle time of the calls they answered (any
 * direction), and their `available` time off calls from presence history, both clipped to the
 * part of the range that has happened.
 */
export async function occupancyOf(db: DbOrTx, tenantId: string, agents: string[] | 'all', range: ReportRange, now: number): Promise<Occupancy> {
  const span = elapsedPart(range, now);
  if (span.to <= span.from || (agents !== 'all' && agents.length === 0)) return occupancy(0, 0);
  const from = new Date(span.from);
  const to = new Date(span.to);

  let calls = db
    .selectFrom('calls')
    .select(['answered_at', 'ended_at', 'wrap_up_seconds'])
    .where('tenant_id', '=', tenantId)
    .where('agent_id', 'is not', null)
    .where('answered_at', 'is not', null)
    .where('answered_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', new Date(span.from - MAX_WRAP_UP_MS))]));
  if (agents !== 'all') calls = calls.where('agent_id', 'in', agents);
  const handled = (await calls.execute()).map((c) => ({ answeredAt: c.answered_at!.getTime(), endedAt: c.ended_at?.getTime() ?? null, wrapUpSeconds: c.wrap_up_seconds }));

  // Presence: the rows inside the range, plus for each person the last status row and the last call
  // boundary before it (together they give the state at the start).
  const history = () => {
    let q = db.selectFrom('presence_history').select(['user_id', 'status', 'source', 'at', 'id']).where('tenant_id', '=', tenantId);
    if (agents !== 'all') q = q.where('user_id', 'in', agents);
    return q;
  };
  const inside = await history().where('at', '>=', from).where('at', '<', to).orderBy('user_id').orderBy('at').orderBy('id').execute();
  const lastStatus = await history().distinctOn('user_id').where('at', '<', from).where('status', '<>', 'busy')
    .orderBy('user_id').orderBy('at', 'desc').orderBy('id', 'desc').execute();
  const lastBoundary = await history().distinctOn('user_id').where('at', '<', from)
    .where((eb) => eb.or([eb('status', '=', 'busy'), eb('source', 'in', [...callReleaseSources])]))
    .orderBy('user_id').orderBy('at', 'desc').orderBy('id', 'desc').execute();

  const change = (r: { status: string; source: string; at: Date }): PresenceChange => ({ at: r.at.getTime(), status: r.status, source: r.source });
  const people = new Set([...inside, ...lastStatus, ...lastBoundary].map((r) => r.user_id));
  const statusOf = new Map(lastStatus.map((r) => [r.user_id, change(r)]));
  const boundaryOf = new Map(lastBoundary.map((r) => [r.user_id, change(r)]));
  const changesOf = new Map<string, PresenceChange[]>();
  for (const r of inside) {
    const list = changesOf.get(r.user_id) ?? [];
    list.push(change(r));
    changesOf.set(r.user_id, list);
  }
  let available = 0;
  for (const person of people) {
    const start = presenceAtStart(statusOf.get(person) ?? null, boundaryOf.get(person) ?? null);
    available += availableSeconds(start, changesOf.get(person) ?? [], span);
  }
  return occupancy(handleSecondsInRange(handled, span, now), available);
}
