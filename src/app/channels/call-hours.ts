import { z } from 'zod';

export const weekDays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** Meta's limits on `call_hours` (reference/meta-calling-api.md §2.2). */
export const CALL_HOURS_LIMITS = { perDay: 2, holidays: 20 } as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3])[0-5]\d$/, 'a time as HHMM between 0000 and 2359');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'not a calendar date');

const ianaTimeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

interface Span {
  open: string;
  close: string;
}

/** Index pairs of spans that overlap (times compare as strings because they are fixed-width HHMM). */
function overlapping(spans: Span[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      if (spans[i]!.open < spans[j]!.close && spans[j]!.open < spans[i]!.close) out.push([i, j]);
    }
  }
  return out;
}

/**
 * A channel's calling hours in Meta's shape: weekly hours (at most 2 per day, no overlaps, open
 * before close) and at most 20 holidays, in an IANA time zone.
 */
export const callHoursSchema = z
  .strictObject({
    status: z.enum(['ENABLED', 'DISABLED']),
    timezone_id: ianaTimeZone,
    weekly_operating_hours: z.array(z.strictObject({ day_of_week: z.enum(weekDays), open_time: hhmm, close_time: hhmm })).max(weekDays.length * CALL_HOURS_LIMITS.perDay),
    holiday_schedule: z.array(z.strictObject({ date: isoDate, start_time: hhmm, end_time: hhmm })).max(CALL_HOURS_LIMITS.holidays).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'ENABLED' && v.weekly_operating_hours.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weekly_operating_hours'], message: 'enabled calling hours need at least one opening' });
    }
    const byDay = new Map<string, { span: Span; index: number }[]>();
    v.weekly_operating_hours.forEach((h, index) => {
      if (h.open_time >= h.close_time) ctx.addIssue({ code: 'custom', path: ['weekly_operating_hours', index, 'close_time'], message: 'close_time must be after open_time' });
      const list = byDay.get(h.day_of_week) ?? [];
      list.push({ span: { open: h.open_time, close: h.close_time }, index });
      byDay.set(h.day_of_week, list);
    });
    for (const [day, list] of byDay) {
      if (list.length > CALL_HOURS_LIMITS.perDay) {
        ctx.addIssue({ code: 'custom', path: ['weekly_operating_hours', list[CALL_HOURS_LIMITS.perDay]!.index], message: `at most ${CALL_HOURS_LIMITS.perDay} entries for ${day}` });
      }
      for (const [, j] of overlapping(list.map((l) => l.span))) {
        ctx.addIssue({ code: 'custom', path: ['weekly_operating_hours', list[j]!.index], message: `overlaps another entry for ${day}` });
      }
    }
    const byDate = new Map<string, { span: Span; index: number }[]>();
    (v.holiday_schedule ?? []).forEach((h, index) => {
      if (h.start_time >= h.end_time) ctx.addIssue({ code: 'custom', path: ['holiday_schedule', index, 'end_time'], message: 'end_time must be after start_time' });
      const list = byDate.get(h.date) ?? [];
      list.push({ span: { open: h.start_time, close: h.end_time }, index });
      byDate.set(h.date, list);
    });
    for (const [date, list] of byDate) {
      for (const [, j] of overlapping(list.map((l) => l.span))) {
        ctx.addIssue({ code: 'custom', path: ['holiday_schedule', list[j]!.index], message: `overlaps another holiday entry on ${date}` });
      }
    }
  });

export type CallHoursInput = z.output<typeof callHoursSchema>;
