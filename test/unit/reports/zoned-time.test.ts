import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elapsedPart, formatZonedIso, isTimeZone, overlapMs, startOfZonedDay, zoneOffsetMs } from '../../../src/domain/reports/index.js';

const iso = (s: string) => Date.parse(s);

describe('wall-clock time in a zone', () => {
  it('formats ISO 8601 with the zone\'s offset', () => {
    expect(formatZonedIso(iso('2026-03-02T03:04:05.678Z'), 'Asia/Jakarta')).toBe('2026-03-02T10:04:05+07:00');
    expect(formatZonedIso(iso('2026-03-01T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-03-02T01:30:00+05:30');
    expect(formatZonedIso(iso('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('2026-03-01T22:00:00-05:00');
    expect(formatZonedIso(iso('2026-03-02T03:00:00Z'), 'UTC')).toBe('2026-03-02T03:00:00+00:00');
  });

  it('knows the offset on both sides of a daylight-saving change', () => {
    expect(zoneOffsetMs(iso('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(iso('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('starts the local day at local midnight, a UTC day boundary apart', () => {
    // 18:00 UTC on 1 March is already 2 March in Jakarta.
    expect(new Date(startOfZonedDay(iso('2026-03-01T18:00:00Z'), 'Asia/Jakarta')).toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(new Date(startOfZonedDay(iso('2026-03-01T16:59:59Z'), 'Asia/Jakarta')).toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(new Date(startOfZonedDay(iso('2026-03-02T00:10:00Z'), 'Asia/Kolkata')).toISOString()).toBe('2026-03-01T18:30:00.000Z');
  });

  it('starts the day when the clock jumps where daylight saving skips midnight, and on the right side of a change', () => {
    // Santiago skips from 00:00 to 01:00 on 6 September 2026.
    expect(formatZonedIso(startOfZonedDay(iso('2026-09-06T12:00:00Z'), 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06T01:00:00-03:00');
    expect(formatZonedIso(startOfZonedDay(iso('2026-03-08T12:00:00Z'), 'America/New_York'), 'America/New_York')).toBe('2026-03-08T00:00:00-05:00');
    expect(formatZonedIso(startOfZonedDay(iso('2026-11-01T12:00:00Z'), 'America/New_York'), 'America/New_York')).toBe('2026-11-01T00:00:00-04:00');
  });

  it('agrees with the platform\'s own wall clock at any instant, around daylight-saving changes too', () => {
    const zones = ['Asia/Jakarta', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London', 'UTC'];
    const reference = (ms: number, tz: string) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      }).formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
    };
    // Instants in 2026, dense around the changes (New York 8 March and 1 November, Lord Howe's half-hour change on 5 April).
    const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z', '2026-09-06T04:00:00Z', '2026-03-29T01:00:00Z'].map(Date.parse);
    const instant = fc.oneof(
      fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
      fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 3_600_000, max: 2 * 3_600_000 })).map(([c, d]) => c + d),
    );
    fc.assert(fc.property(instant, fc.constantFrom(...zones), (ms, tz) => {
      expect(formatZonedIso(ms, tz).slice(0, 19)).toBe(reference(ms, tz));
    }), { numRuns: 2_000 });
  });

  it('tells a time zone from a typo', () => {
    expect(isTimeZone('Asia/Jakarta')).toBe(true);
    expect(isTimeZone('Asia/Jakartaa')).toBe(false);
  });

  it('clips ranges', () => {
    const range = { from: 1_000, to: 5_000 };
    expect(overlapMs(0, 2_000, range)).toBe(1_000);
    expect(overlapMs(6_000, 7_000, range)).toBe(0);
    expect(elapsedPart(range, 3_000)).toEqual({ from: 1_000, to: 3_000 });
    expect(elapsedPart(range, 0)).toEqual({ from: 1_000, to: 1_000 });
  });
});
