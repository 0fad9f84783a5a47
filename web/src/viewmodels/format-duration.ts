const pad = (n: number): string => String(n).padStart(2, '0');

/** Seconds as `HH:mm:ss` (the desk's call timer and "Call ended 00:03:12"); negative and missing values read as 0. */
export function formatDuration(seconds: number | null | undefined): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds ?? NaN) ? (seconds as number) : 0));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Seconds left as `m:ss`, or `h:mm:ss` from an hour on (countdowns). Rounds up: "0:01" until the very end. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Whole seconds between an ISO instant and `now` (ms), never negative. */
export function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.floor((now - t) / 1000)) : 0;
}
