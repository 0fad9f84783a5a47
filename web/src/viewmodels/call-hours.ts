import type { CallHours, WeekDay } from '../api/admin-types.js';
import type { MessageKey } from '../i18n/translate.js';

export const weekDays: readonly WeekDay[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Meta's limits on calling hours. */
export const CALL_HOURS_LIMITS = { perDay: 2, holidays: 20 } as const;

/** A span as the time inputs hold it: `HH:MM`. */
export interface Span {
  open: string;
  close: string;
}

export interface Holiday {
  date: string;
  start: string;
  end: string;
}

/** The calling-hours editor's state. */
export interface HoursDraft {
  enabled: boolean;
  timeZone: string;
  days: Record<WeekDay, Span[]>;
  holidays: Holiday[];
}

const toInput = (hhmm: string) => `${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}`;
const toMeta = (hm: string) => hm.replace(':', '');
const validTime = (hm: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(hm);

/** The channel's calling hours (or none yet: weekdays 08:00–17:00, off) as the editor's state. */
export function draftFromCallHours(h: CallHours | null, defaultTimeZone: string): HoursDraft {
  const days = Object.fromEntries(weekDays.map((d) => [d, [] as Span[]])) as Record<WeekDay, Span[]>;
  if (!h) {
    for (const d of weekDays.slice(0, 5)) days[d] = [{ open: '08:00', close: '17:00' }];
    return { enabled: false, timeZone: defaultTimeZone, days, holidays: [] };
  }
  for (const w of h.weekly_operating_hours) days[w.day_of_week]?.push({ open: toInput(w.open_time), close: toInput(w.close_time) });
  for (const d of weekDays) days[d].sort((a, b) => a.open.localeCompare(b.open));
  return {
    enabled: h.status === 'ENABLED',
    timeZone: h.timezone_id,
    days,
    holidays: (h.holiday_schedule ?? []).map((x) => ({ date: x.date, start: toInput(x.start_time), end: toInput(x.end_time) })),
  };
}

export interface HoursProblem {
  /** `MONDAY.1`, `holiday.3`, `timezone`, `weekly`. */
  where: string;
  message: MessageKey;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from < b.to && b.from < a.to;

/** Checks the draft with Meta's rules and gives the `call_hours` to send, or every problem. */
export function toCallHours(d: HoursDraft, knownZone: (tz: string) => boolean): { ok: true; value: CallHours } | { ok: false; problems: HoursProblem[] } {
  const problems: HoursProblem[] = [];
  if (!knownZone(d.timeZone)) problems.push({ where: 'timezone', message: 'hours.error.timeZone' });
  for (const day of weekDays) {
    const spans = d.days[day];
    if (spans.length > CALL_HOURS_LIMITS.perDay) problems.push({ where: `${day}.${CALL_HOURS_LIMITS.perDay}`, message: 'hours.error.perDay' });
    spans.forEach((s, i) => {
      if (!validTime(s.open) || !validTime(s.close)) problems.push({ where: `${day}.${i}`, message: 'hours.error.time' });
      else if (s.open >= s.close) problems.push({ where: `${day}.${i}`, message: 'hours.error.order' });
      else if (spans.slice(0, i).some((o) => validTime(o.open) && validTime(o.close) && overlaps({ from: o.open, to: o.close }, { from: s.open, to: s.close }))) {
        problems.push({ where: `${day}.${i}`, message: 'hours.error.overlap' });
      }
    });
  }
  if (d.enabled && weekDays.every((day) => d.days[day].length === 0)) problems.push({ where: 'weekly', message: 'hours.error.empty' });
  if (d.holidays.length > CALL_HOURS_LIMITS.holidays) problems.push({ where: `holiday.${CALL_HOURS_LIMITS.holidays}`, message: 'hours.error.holidays' });
  d.holidays.forEach((h, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date)) problems.push({ where: `holiday.${i}`, message: 'hours.error.date' });
    else if (!validTime(h.start) || !validTime(h.end)) problems.push({ where: `holiday.${i}`, message: 'hours.error.time' });
    else if (h.start >= h.end) problems.push({ where: `holiday.${i}`, message: 'hours.error.order' });
    else if (d.holidays.slice(0, i).some((o) => o.date === h.date && overlaps({ from: o.start, to: o.end }, { from: h.start, to: h.end }))) {
      problems.push({ where: `holiday.${i}`, message: 'hours.error.overlap' });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      status: d.enabled ? 'ENABLED' : 'DISABLED',
      timezone_id: d.timeZone,
      weekly_operating_hours: weekDays.flatMap((day) => d.days[day].map((s) => ({ day_of_week: day, open_time: toMeta(s.open), close_time: toMeta(s.close) }))),
      ...(d.holidays.length > 0 ? { holiday_schedule: d.holidays.map((h) => ({ date: h.date, start_time: toMeta(h.start), end_time: toMeta(h.end) })) } : {}),
    },
  };
}

/** Adds an opening after the day's last one (one hour later), up to Meta's two per day. */
export function addSpan(d: HoursDraft, day: WeekDay): HoursDraft {
  const spans = d.days[day];
  if (spans.length >= CALL_HOURS_LIMITS.perDay) return d;
  const last = spans[spans.length - 1];
  const next: Span = last ? { open: last.close < '22:00' ? `${String(Number(last.close.slice(0, 2)) + 1).padStart(2, '0')}:00` : '22:00', close: '23:00' } : { open: '08:00', close: '17:00' };
  return { ...d, days: { ...d.days, [day]: [...spans, next] } };
}

export const removeSpan = (d: HoursDraft, day: WeekDay, i: number): HoursDraft => ({ ...d, days: { ...d.days, [day]: d.days[day].filter((_, j) => j !== i) } });

export const setSpan = (d: HoursDraft, day: WeekDay, i: number, patch: Partial<Span>): HoursDraft =>
  ({ ...d, days: { ...d.days, [day]: d.days[day].map((s, j) => (j === i ? { ...s, ...patch } : s)) } });

/** Copies one day's hours to Monday–Friday. */
export function copyToWeekdays(d: HoursDraft, from: WeekDay): HoursDraft {
  const days = { ...d.days };
  for (const day of weekDays.slice(0, 5)) days[day] = d.days[from].map((s) => ({ ...s }));
  return { ...d, days };
}
