import { describe, expect, it } from 'vitest';
import type { CallHours } from '../api/admin-types.js';
import { addSpan, copyToWeekdays, draftFromCallHours, removeSpan, setSpan, toCallHours } from './call-hours.js';

const known = (tz: string) => tz !== 'Mars/Olympus';

describe('calling hours editor', () => {
  it('starts a channel without hours on weekdays 08:00–17:00, switched off', () => {
    const d = draftFromCallHours(null, 'Asia/Jakarta');
    expect(d.enabled).toBe(false);
    expect(d.days.MONDAY).toEqual([{ open: '08:00', close: '17:00' }]);
    expect(d.days.SUNDAY).toEqual([]);
    expect(toCallHours(d, known)).toMatchObject({ ok: true, value: { status: 'DISABLED', timezone_id: 'Asia/Jakarta' } });
  });

  it("round-trips Meta's shape (HHMM, days in order, holidays)", () => {
    const h: CallHours = {
      status: 'ENABLED', timezone_id: 'Asia/Jakarta',
      weekly_operating_hours: [
        { day_of_week: 'MONDAY', open_time: '1300', close_time: '1700' },
        { day_of_week: 'MONDAY', open_time: '0800', close_time: '1200' },
        { day_of_week: 'SATURDAY', open_time: '0900', close_time: '1200' },
      ],
      holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }],
    };
    const d = draftFromCallHours(h, 'UTC');
    expect(d.days.MONDAY).toEqual([{ open: '08:00', close: '12:00' }, { open: '13:00', close: '17:00' }]);
    const back = toCallHours(d, known);
    expect(back).toEqual({
      ok: true,
      value: {
        status: 'ENABLED', timezone_id: 'Asia/Jakarta',
        weekly_operating_hours: [
          { day_of_week: 'MONDAY', open_time: '0800', close_time: '1200' },
          { day_of_week: 'MONDAY', open_time: '1300', close_time: '1700' },
          { day_of_week: 'SATURDAY', open_time: '0900', close_time: '1200' },
        ],
        holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }],
      },
    });
  });

  it("refuses what Meta refuses: close before open, overlaps, a third opening, an unknown zone, enabled without hours", () => {
    let d = draftFromCallHours(null, 'Mars/Olympus');
    d = setSpan(d, 'MONDAY', 0, { open: '18:00' });
    d = addSpan(d, 'TUESDAY');
    d = setSpan(d, 'TUESDAY', 1, { open: '16:00', close: '18:00' });
    expect(toCallHours(d, known)).toEqual({
      ok: false,
      problems: [
        { where: 'timezone', message: 'hours.error.timeZone' },
        { where: 'MONDAY.0', message: 'hours.error.order' },
        { where: 'TUESDAY.1', message: 'hours.error.overlap' },
      ],
    });
    expect(addSpan(addSpan(draftFromCallHours(null, 'UTC'), 'MONDAY'), 'MONDAY').days.MONDAY).toHaveLength(2);
    const empty = { ...draftFromCallHours(null, 'UTC'), enabled: true };
    const cleared = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].reduce((x, day) => removeSpan(x, day as 'MONDAY', 0), empty);
    expect(toCallHours(cleared, known)).toEqual({ ok: false, problems: [{ where: 'weekly', message: 'hours.error.empty' }] });
  });

  it('checks holidays: dates, order, overlaps on the same day, at most 20', () => {
    const base = draftFromCallHours(null, 'UTC');
    const bad = toCallHours({ ...base, holidays: [
      { date: '2026-12-25', start: '10:00', end: '12:00' },
      { date: '2026-12-25', start: '11:00', end: '13:00' },
      { date: '25/12/2026', start: '10:00', end: '12:00' },
      { date: '2026-12-26', start: '12:00', end: '10:00' },
    ] }, known);
    expect(bad).toEqual({ ok: false, problems: [
      { where: 'holiday.1', message: 'hours.error.overlap' }, { where: 'holiday.2', message: 'hours.error.date' }, { where: 'holiday.3', message: 'hours.error.order' },
    ] });
    const many = Array.from({ length: 21 }, (_, i) => ({ date: `2026-01-${String(i + 1).padStart(2, '0')}`, start: '00:00', end: '23:59' }));
    expect(toCallHours({ ...base, holidays: many }, known)).toEqual({ ok: false, problems: [{ where: 'holiday.20', message: 'hours.error.holidays' }] });
  });

  it("copies a day's hours to every weekday", () => {
    let d = draftFromCallHours(null, 'UTC');
    d = setSpan(d, 'WEDNESDAY', 0, { open: '09:30', close: '16:00' });
    d = copyToWeekdays(d, 'WEDNESDAY');
    expect(d.days.MONDAY).toEqual([{ open: '09:30', close: '16:00' }]);
    expect(d.days.FRIDAY).toEqual([{ open: '09:30', close: '16:00' }]);
    expect(d.days.SATURDAY).toEqual([]);
  });
});
