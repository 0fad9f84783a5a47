import { z } from 'zod';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:mm (00:00–24:00)');

export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone, e.g. Asia/Jakarta');

/**
 * One opening interval on some weekdays, in local time. `end` before `start` runs past midnight into the next
 * day. `target`: the action to continue with inside this interval (default: the next action).
 */
export const workingIntervalSchema = z.strictObject({
  days: z.array(z.enum(weekdays)).min(1),
  start: clock,
  end: clock,
  target: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
}).refine((i) => i.start !== i.end, { message: 'an interval cannot be empty', path: ['end'] });
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

export interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

/** Wall-clock date, weekday and minute of day of an instant in a time zone. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  const weekday = parts['weekday']!.toLowerCase().slice(0, 3) as Weekday;
  const hour = Number(parts['hour']) % 24;
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, weekday, minutes: hour * 60 + Number(parts['minute']) };
}

/** Does an interval cover this local time? An overnight interval covers its start day's evening and the next morning. */
export function intervalCovers(interval: WorkingInterval, at: LocalTime): boolean {
  const start = toMinutes(interval.start);
  const end = toMinutes(interval.end);
  if (start < end) return interval.days.includes(at.weekday) && at.minutes >= start && at.minutes < end;
  const yesterday = weekdays[(weekdays.indexOf(at.weekday) + 6) % 7]!;
  return (interval.days.includes(at.weekday) && at.minutes >= start) || (interval.days.includes(yesterday) && at.minutes < end);
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}
