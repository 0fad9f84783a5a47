import type { RollingLimit } from './permission-policy.js';

/** Events at `times` that fall in the window ending at `now`: now − windowMs < t ≤ now. */
export function countInWindow(times: readonly number[], limit: RollingLimit, now: number): number {
  return times.filter((t) => t <= now && now - t < limit.windowMs).length;
}

/**
 * When one more event becomes allowed under a rolling limit, or null when it is allowed now. With the window
 * full, it is when enough of the oldest events in it have aged out: an event at t0 stops counting at exactly
 * t0 + windowMs.
 */
export function nextAllowedAt(times: readonly number[], limit: RollingLimit, now: number): number | null {
  const inWindow = times.filter((t) => t <= now && now - t < limit.windowMs).sort((a, b) => a - b);
  if (inWindow.length < limit.max) return null;
  return inWindow[inWindow.length - limit.max]! + limit.windowMs;
}

/** The latest of several limits' next allowed times (null when all allow it now). */
export function nextAllowedUnderAll(times: readonly number[], limits: readonly RollingLimit[], now: number): number | null {
  let latest: number | null = null;
  for (const limit of limits) {
    const at = nextAllowedAt(times, limit, now);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}
