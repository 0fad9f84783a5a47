import { overlapMs, type ReportRange } from './report-range.js';

/** The times occupancy needs of one answered call, in epoch ms (endedAt null while it is live). */
export interface HandledCall {
  answeredAt: number;
  endedAt: number | null;
  wrapUpSeconds: number | null;
}

/**
 * Handle time inside the range: talk (which contains hold) from answer to end, then the wrap-up,
 * each clipped to the range. A live call counts up to `now`.
 */
export function handleSecondsInRange(calls: Iterable<HandledCall>, range: ReportRange, now: number): number {
  let ms = 0;
  for (const c of calls) {
    const end = c.endedAt ?? now;
    ms += overlapMs(c.answeredAt, end, range);
    if (c.endedAt !== null && c.wrapUpSeconds) ms += overlapMs(c.endedAt, c.endedAt + c.wrapUpSeconds * 1000, range);
  }
  return ms / 1000;
}
