/** A half-open time range [from, to) in epoch milliseconds. */
export interface ReportRange {
  from: number;
  to: number;
}

/** The part of a range that has happened by `now`: time after `now` is neither handled nor available yet. */
export function elapsedPart(range: ReportRange, now: number): ReportRange {
  return { from: range.from, to: Math.max(range.from, Math.min(range.to, now)) };
}

/** Milliseconds of [start, end) that fall inside the range (0 when they do not meet). */
export function overlapMs(start: number, end: number, range: ReportRange): number {
  return Math.max(0, Math.min(end, range.to) - Math.max(start, range.from));
}
