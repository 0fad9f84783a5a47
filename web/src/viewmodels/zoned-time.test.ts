import { describe, expect, it } from 'vitest';
import { fromLocalInput, instantOf, presetRange, startOfDay, toLocalInput, zoneOffsetMs } from './zoned-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('finds the zone offset, daylight saving included', () => {
    expect(zoneOffsetMs(Date.parse('2026-11-25T10:00:00Z'), 'Asia/Jakarta')).toBe(7 * 3600_000);
    expect(zoneOffsetMs(Date.parse('2026-07-01T10:00:00Z'), 'Europe/Berlin')).toBe(2 * 3600_000);
    expect(zoneOffsetMs(Date.parse('2026-01-01T10:00:00Z'), 'Europe/Berlin')).toBe(1 * 3600_000);
  });

  it('starts the day at local midnight', () => {
    // 02:00 in Jakarta on the 26th is still the 25th in UTC.
    const now = Date.parse('2026-11-25T19:00:00Z');
    expect(iso(startOfDay(now, 'Asia/Jakarta'))).toBe('2026-11-25T17:00:00.000Z');
    expect(iso(startOfDay(now, 'UTC'))).toBe('2026-11-25T00:00:00.000Z');
    expect(iso(startOfDay(now, 'Asia/Jakarta', -1))).toBe('2026-11-24T17:00:00.000Z');
  });

  it('keeps days 23 or 25 hours long across a daylight-saving change', () => {
    // Europe/Berlin springs forward on 29 March 2026.
    const day = Date.parse('2026-03-29T12:00:00Z');
    const from = startOfDay(day, 'Europe/Berlin');
    const to = startOfDay(day, 'Europe/Berlin', 1);
    expect(iso(from)).toBe('2026-03-28T23:00:00.000Z');
    expect((to - from) / 3600_000).toBe(23);
  });

  it('round-trips datetime-local values in the zone and rejects garbage', () => {
    const at = fromLocalInput('2026-11-25T09:30', 'Asia/Jakarta')!;
    expect(iso(at)).toBe('2026-11-25T02:30:00.000Z');
    expect(toLocalInput(at, 'Asia/Jakarta')).toBe('2026-11-25T09:30');
    expect(fromLocalInput('yesterday', 'UTC')).toBeNull();
    expect(fromLocalInput('2026-13-01T00:00', 'UTC')).toBeNull();
    expect(iso(instantOf({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'UTC'))).toBe('2026-01-01T00:00:00.000Z');
  });

  it('turns presets into [from, to) ranges', () => {
    const now = Date.parse('2026-11-25T03:00:00Z'); // 10:00 in Jakarta
    const today = presetRange('today', now, 'Asia/Jakarta');
    expect([iso(today.from), iso(today.to)]).toEqual(['2026-11-24T17:00:00.000Z', '2026-11-25T17:00:00.000Z']);
    const y = presetRange('yesterday', now, 'Asia/Jakarta');
    expect([iso(y.from), iso(y.to)]).toEqual(['2026-11-23T17:00:00.000Z', '2026-11-24T17:00:00.000Z']);
    expect((presetRange('last7', now, 'Asia/Jakarta').to - presetRange('last7', now, 'Asia/Jakarta').from) / 86_400_000).toBe(7);
    expect((presetRange('last30', now, 'Asia/Jakarta').to - presetRange('last30', now, 'Asia/Jakarta').from) / 86_400_000).toBe(30);
  });
});
