import { handleSeconds, isAbandoned, isAnswered, isAnsweredWithin, isShortAbandoned, reachedRouting } from './call-outcomes.js';
import { mean, percent, round2 } from './ratios.js';
import type { ReportCall } from './report-call.js';

export interface MetricsPolicy {
  /** T: answered within this many seconds counts toward the service level. */
  serviceLevelThresholdS: number;
  /** Abandoned within this many seconds is short-abandoned. */
  shortAbandonS: number;
  /** An agent's report: "answered" means answered by this agent. */
  agentId?: string | null;
}

/** Running counts; pages of calls are folded in one at a time, so a long range never sits in memory. */
export interface MetricsTally {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  answerWaitMs: number;
  handled: number;
  handleSeconds: number;
}

/** The SPEC §7 metrics of one range and scope. Ratios are null when their denominator is empty. */
export interface CallMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  answered_within_threshold: number;
  /** answered within T ÷ (offered − short-abandoned), in %. */
  service_level_pct: number | null;
  /** Mean wait of answered calls, in seconds. */
  asa_seconds: number | null;
  /** (abandoned − short-abandoned) ÷ (offered − short-abandoned), in %. */
  abandonment_rate_pct: number | null;
  /** Mean (talk + hold + wrap-up) of the answered calls that have ended, in seconds. */
  aht_seconds: number | null;
  /** How many ended answered calls the AHT averages. */
  handled: number;
}

export const emptyTally = (): MetricsTally => ({
  offered: 0, answered: 0, answeredWithinThreshold: 0, abandoned: 0, shortAbandoned: 0, answerWaitMs: 0, handled: 0, handleSeconds: 0,
});

/** Folds one call into the tally. Calls that never reached routing (and outbound calls) count for nothing. */
export function addCall(t: MetricsTally, c: ReportCall, policy: MetricsPolicy): MetricsTally {
  if (!reachedRouting(c)) return t;
  const next = { ...t, offered: t.offered + 1 };
  if (isAnswered(c, policy.agentId)) {
    next.answered += 1;
    next.answerWaitMs += Math.max(0, (c.answeredAt ?? 0) - (c.offeredAt ?? 0));
    if (isAnsweredWithin(c, policy.serviceLevelThresholdS, policy.agentId)) next.answeredWithinThreshold += 1;
    const handle = handleSeconds(c);
    if (handle !== null) {
      next.handled += 1;
      next.handleSeconds += handle;
    }
  } else if (isAbandoned(c)) {
    next.abandoned += 1;
    if (isShortAbandoned(c, policy.shortAbandonS)) next.shortAbandoned += 1;
  }
  return next;
}

export function summarize(t: MetricsTally): CallMetrics {
  const base = t.offered - t.shortAbandoned;
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    short_abandoned: t.shortAbandoned,
    answered_within_threshold: t.answeredWithinThreshold,
    service_level_pct: percent(t.answeredWithinThreshold, base),
    asa_seconds: mean(t.answerWaitMs / 1000, t.answered),
    abandonment_rate_pct: percent(t.abandoned - t.shortAbandoned, base),
    aht_seconds: mean(round2(t.handleSeconds), t.handled),
    handled: t.handled,
  };
}

export function computeCallMetrics(calls: Iterable<ReportCall>, policy: MetricsPolicy): CallMetrics {
  let t = emptyTally();
  for (const c of calls) t = addCall(t, c, policy);
  return summarize(t);
}
