/**
 * Wall-clock times in a named time zone, without a date library: the offset comes from
 * Intl, so daylight-saving changes are honoured. Pure (the instant is always passed in).
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function parts(timeZone: string): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    cache.set(timeZone, f);
  }
  return f;
}

/** The wall time of an instant in the zone. */
export function wallTimeOf(instant: number, timeZone: string): WallTime & { second: number } {
  const p = Object.fromEntries(parts(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second) };
}

/** How far the zone's wall clock is ahead of UTC at that instant (ms). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const w = wallTimeOf(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clock shows this wall time (the earlier one when it repeats; skipped times move forward). */
export function instantOf(w: WallTime, timeZone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return Math.min(first, second);
}

/** Midnight (start of the calendar day) of the instant's day in the zone, `days` days later. */
export function startOfDay(instant: number, timeZone: string, days = 0): number {
  const w = wallTimeOf(instant, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, timeZone);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DDTHH:mm` of an instant in the zone (the value of an `<input type="datetime-local">`). */
export function toLocalInput(instant: number, timeZone: string): string {
  const w = wallTimeOf(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Reads a `datetime-local` value as a wall time of the zone; null when it is not one. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return instantOf({ year, month, day, hour, minute }, timeZone);
}

export type RangePreset = 'today' | 'yesterday' | 'last7' | 'last30' | 'custom';
export const rangePresets: readonly RangePreset[] = ['today', 'yesterday', 'last7', 'last30', 'custom'];

/** [from, to) of a preset in the zone; "last 7 days" is today and the 6 days before. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number, timeZone: string): { from: number; to: number } {
  const tomorrow = startOfDay(now, timeZone, 1);
  switch (preset) {
    case 'today':
      return { from: startOfDay(now, timeZone), to: tomorrow };
    case 'yesterday':
      return { from: startOfDay(now, timeZone, -1), to: startOfDay(now, timeZone) };
    case 'last7':
      return { from: startOfDay(now, timeZone, -6), to: tomorrow };
    case 'last30':
      return { from: startOfDay(now, timeZone, -29), to: tomorrow };
  }
}
