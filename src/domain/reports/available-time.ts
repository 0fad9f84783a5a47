import type { ReportRange } from './report-range.js';

/** One row of an agent's presence history. */
export interface PresenceChange {
  at: number;
  /** `available`, `paused`, `after_call_work`, `offline`, or `busy` when a call was taken. */
  status: string;
  source: string;
}

/** Sources of the row written when an agent's call ends (it carries the status the agent returns to). */
export const callReleaseSources: readonly string[] = ['call_ended', 'wrap_up'];

/** An agent's presence when the range starts: the status they chose and whether a call held them. */
export interface PresenceAtStart {
  status: string | null;
  onCall: boolean;
}

/**
 * The state at the range start from the last rows before it: the latest row that is not `busy` gives
 * the chosen status; the latest call boundary (a `busy` row or a release row) tells whether a call was on.
 */
export function presenceAtStart(lastStatusRow: PresenceChange | null, lastCallBoundary: PresenceChange | null): PresenceAtStart {
  return { status: lastStatusRow?.status ?? null, onCall: lastCallBoundary?.status === 'busy' };
}

/**
 * Seconds the agent was `available` and not on a call inside the range. A `busy` row starts a call
 * (the chosen status stays underneath it), a release row ends it and sets the status the agent is
 * back in; any other row changes the chosen status, on a call or not. `changes` are in time order.
 */
export function availableSeconds(start: PresenceAtStart, changes: readonly PresenceChange[], range: ReportRange): number {
  let status = start.status;
  let onCall = start.onCall;
  let since = range.from;
  let ms = 0;
  const close = (until: number) => {
    const from = Math.max(since, range.from);
    const to = Math.min(until, range.to);
    if (status === 'available' && !onCall && to > from) ms += to - from;
    since = Math.max(since, until);
  };
  for (const ch of changes) {
    if (ch.at >= range.to) break;
    close(ch.at);
    if (ch.status === 'busy') {
      onCall = true;
    } else {
      if (callReleaseSources.includes(ch.source)) onCall = false;
      status = ch.status;
    }
  }
  close(range.to);
  return ms / 1000;
}
