/** How dates are shown: in the user's time zone and language. */
export interface TimeFormat {
  timeZone: string;
  locale: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(f: TimeFormat, options: Intl.DateTimeFormatOptions, tag: string): Intl.DateTimeFormat {
  const key = `${f.locale}|${f.timeZone}|${tag}`;
  let fmt = cache.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(f.locale, { ...options, timeZone: f.timeZone });
    cache.set(key, fmt);
  }
  return fmt;
}

const toDate = (v: string | number | Date): Date => (v instanceof Date ? v : new Date(v));

/** "14:05" */
export const formatClock = (v: string | number | Date, f: TimeFormat): string =>
  formatter(f, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'clock').format(toDate(v));

/** "25 Nov 2026, 14:05" */
export const formatDateTime = (v: string | number | Date, f: TimeFormat): string =>
  formatter(f, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'datetime').format(toDate(v));

/** "Wed, 25 Nov 2026" */
export const formatDay = (v: string | number | Date, f: TimeFormat): string =>
  formatter(f, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, 'day').format(toDate(v));

/** The calendar day of an instant in the time zone, as YYYY-MM-DD (for grouping). */
export const dayKey = (v: string | number | Date, f: TimeFormat): string =>
  formatter({ ...f, locale: 'en-CA' }, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'daykey').format(toDate(v));

/** A valid IANA zone for the user: theirs when set and known, else the browser's, else UTC. */
export function resolveTimeZone(userZone: string | null | undefined, browserZone: string | undefined): string {
  for (const z of [userZone, browserZone]) {
    if (!z) continue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: z });
      return z;
    } catch {
      // unknown zone: try the next
    }
  }
  return 'UTC';
}
