import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, secondsSince } from './format-duration.js';

describe('formatDuration', () => {
  it('writes HH:mm:ss, as in "Call ended 00:03:12"', () => {
    expect(formatDuration(192)).toBe('00:03:12');
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(3600 + 61)).toBe('01:01:01');
    expect(formatDuration(100 * 3600)).toBe('100:00:00');
  });
  it('reads missing and negative values as zero and drops fractions', () => {
    expect(formatDuration(null)).toBe('00:00:00');
    expect(formatDuration(undefined)).toBe('00:00:00');
    expect(formatDuration(-5)).toBe('00:00:00');
    expect(formatDuration(59.9)).toBe('00:00:59');
  });
});

describe('formatCountdown', () => {
  it('rounds up so the last second still shows 0:01', () => {
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-3)).toBe('0:00');
    expect(formatCountdown(300)).toBe('5:00');
    expect(formatCountdown(3725)).toBe('1:02:05');
  });
});

describe('secondsSince', () => {
  it('counts whole seconds and never goes negative (a server clock slightly ahead)', () => {
    const t = Date.parse('2026-03-02T03:00:00Z');
    expect(secondsSince('2026-03-02T03:00:00Z', t + 1999)).toBe(1);
    expect(secondsSince('2026-03-02T03:00:05Z', t)).toBe(0);
    expect(secondsSince(null, t)).toBe(0);
    expect(secondsSince('not a date', t)).toBe(0);
  });
});
