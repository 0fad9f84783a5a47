import { callResults, type CallResult } from '../calls/call-state.js';
import type { ReportCall } from './report-call.js';

/**
 * Predicates the reports count calls with, in one place (SPEC §7). A call "reached routing" when it
 * arrived inbound and was handed to routing; answered, abandoned and short-abandoned are subsets of
 * those calls.
 */

/** Inbound calls that ended before routing saw them: refused at the door, or known only from their end. */
export const notRoutedEndReasons: readonly string[] = ['inbound_calling_disabled', 'terminated_before_connect'];

/** The caller was promised a callback: such a call is not abandoned. */
export const callbackEndReasons: readonly string[] = ['callback_requested'];

export const reachedRouting = (c: ReportCall): boolean =>
  c.direction === 'inbound' && c.offeredAt !== null && !(c.endReason !== null && notRoutedEndReasons.includes(c.endReason));

/** Answered — by anyone, or when `agentId` is given (an agent's report) by that agent. */
export const isAnswered = (c: ReportCall, agentId?: string | null): boolean =>
  c.answeredAt !== null && (agentId === undefined || agentId === null || c.agentId === agentId);

/** The caller hung up before an agent answered. Voicemail (its own result) and callbacks are not abandoned. */
export const isAbandoned = (c: ReportCall): boolean =>
  c.result === 'user_abandon' && c.answeredAt === null && !(c.endReason !== null && callbackEndReasons.includes(c.endReason));

/** From reaching routing to the answer, or to the end for a call never answered; null while unknown. */
export function waitMs(c: ReportCall): number | null {
  const until = c.answeredAt ?? c.endedAt;
  if (c.offeredAt === null || until === null) return null;
  return Math.max(0, until - c.offeredAt);
}

/** Abandoned within the threshold (inclusive: hanging up at exactly 5 s is short-abandoned at 5 s). */
export const isShortAbandoned = (c: ReportCall, shortAbandonS: number): boolean => {
  if (!isAbandoned(c)) return false;
  const w = waitMs(c);
  return w !== null && w <= shortAbandonS * 1000;
};

/** Answered within T of reaching routing (inclusive: an answer at exactly T counts). */
export const isAnsweredWithin = (c: ReportCall, thresholdS: number, agentId?: string | null): boolean => {
  if (!isAnswered(c, agentId) || c.offeredAt === null || c.answeredAt === null) return false;
  return c.answeredAt - c.offeredAt <= thresholdS * 1000;
};

/**
 * Handle time of an ended, answered call: talk + hold + wrap-up. The recorded talk time (end −
 * answer) already contains the hold time, so the talk term is talk − hold. Null while the call is live.
 */
export function handleSeconds(c: ReportCall): number | null {
  if (c.answeredAt === null || c.endedAt === null || c.talkSeconds === null) return null;
  const talkOnly = Math.max(0, c.talkSeconds - c.holdSeconds);
  return talkOnly + c.holdSeconds + (c.wrapUpSeconds ?? 0);
}

/** Call Activity puts every ended call in one of three columns (Qontak's "answered" vs "unanswered", voicemail apart). */
export type ActivityOutcome = 'answered' | 'unanswered' | 'voicemail';

/** Agent rejected, caller hung up before connect, Meta's time-out, missed offers, failures: all unanswered. */
export const activityOutcomeOf: Readonly<Record<CallResult, ActivityOutcome>> = {
  answered: 'answered',
  unanswered: 'unanswered',
  user_abandon: 'unanswered',
  rejected: 'unanswered',
  missed: 'unanswered',
  failed: 'unanswered',
  voicemail: 'voicemail',
};

/** The results that land in one Call Activity column (for filtering in SQL). */
export const resultsWithOutcome = (o: ActivityOutcome): CallResult[] => callResults.filter((r) => activityOutcomeOf[r] === o);
