/**
 * Wall-clock time in an IANA time zone, from the platform's time-zone database (Intl). Pure: every
 * function takes the instant it works on.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const wallAsUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

function exactOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtc(wallClock(whole, timeZone)) - whole;
}

// Offsets change on whole minutes of local time, and offsets are whole quarter hours, so in practice
// an offset holds for a whole UTC quarter hour; one that does not (both ends differ) is never cached.
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at that instant, in ms (Jakarta: +7 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone || zone.size > 50_000) offsetCache.set(timeZone, (zone = new Map()));
  const q = Math.floor(ms / QUARTER_HOUR);
  let known = zone.get(q);
  if (known === undefined) {
    const first = exactOffsetMs(q * QUARTER_HOUR, timeZone);
    known = first === exactOffsetMs((q + 1) * QUARTER_HOUR - 1, timeZone) ? first : null;
    zone.set(q, known);
  }
  return known ?? exactOffsetMs(ms, timeZone);
}

const two = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 with the zone's offset, to the second: `2026-03-02T10:00:00+07:00`. */
export function formatZonedIso(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone);
  const w = new Date(Math.floor(ms / 1000) * 1000 + offset);
  const offMin = Math.round(offset / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  return `${w.getUTCFullYear()}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())}T${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}`
    + `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * The first instant of the local day that contains `ms`. Where a daylight-saving change skips
 * midnight, the day starts when the clock jumps; where midnight happens twice, at the first one.
 */
export function startOfZonedDay(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const midnight = Date.UTC(w.year, w.month - 1, w.day);
  const sameDay = (t: number) => {
    const x = wallClock(t, timeZone);
    return x.year === w.year && x.month === w.month && x.day === w.day;
  };
  // The offset in force just before or just after midnight: one of the two gives the answer.
  const candidates = [midnight - 14 * 3_600_000, midnight + 14 * 3_600_000]
    .map((probe) => midnight - zoneOffsetMs(probe, timeZone))
    .filter(sameDay);
  return candidates.length ? Math.min(...candidates) : midnight - zoneOffsetMs(ms, timeZone);
}
