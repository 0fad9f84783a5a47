import { describe, expect, it } from 'vitest';
import { affordableUnits, callCutoffAt, chargeForCall, secondsUntilCutoff } from '../../../src/domain/billing/index.js';

describe('call cut-off', () => {
  const answeredAt = new Date('2026-03-02T08:00:00.000Z');

  it('per minute: a balance paying exactly 3 minutes ends the call at exactly 180 s', () => {
    const input = { balanceMinor: 3_000, perMinuteMinor: 1_000, granularity: 'per_minute' as const };
    expect(affordableUnits(input)).toBe(3);
    expect(callCutoffAt({ ...input, answeredAt })).toEqual(new Date('2026-03-02T08:03:00.000Z'));
    expect(secondsUntilCutoff({ ...input, elapsedSeconds: 0 })).toBe(180);
    expect(secondsUntilCutoff({ ...input, elapsedSeconds: 179 })).toBe(1);
    expect(secondsUntilCutoff({ ...input, elapsedSeconds: 200 })).toBe(0);
    // The call cut at the boundary is fully paid; one more second would not be.
    expect(chargeForCall({ direction: 'business_initiated', answered: true, durationSeconds: 180, perMinuteMinor: 1_000, granularity: 'per_minute' }).amountMinor).toBe(3_000);
    expect(chargeForCall({ direction: 'business_initiated', answered: true, durationSeconds: 181, perMinuteMinor: 1_000, granularity: 'per_minute' }).amountMinor).toBe(4_000);
  });

  it('per minute: a balance one short of the next minute still ends at the last paid boundary', () => {
    expect(secondsUntilCutoff({ balanceMinor: 3_999, perMinuteMinor: 1_000, granularity: 'per_minute', elapsedSeconds: 0 })).toBe(180);
    expect(secondsUntilCutoff({ balanceMinor: 4_000, perMinuteMinor: 1_000, granularity: 'per_minute', elapsedSeconds: 0 })).toBe(240);
  });

  it('6-second pulses: cut at the last paid pulse', () => {
    // 1 000/min → 100 per pulse: 250 pays 2 pulses (3 would cost 300), so the call ends at 12 s.
    expect(secondsUntilCutoff({ balanceMinor: 250, perMinuteMinor: 1_000, granularity: 'pulse_6s', elapsedSeconds: 0 })).toBe(12);
    // 1 005/min: 3 pulses cost 302 (rounded once), so 302 pays 3 pulses and 301 pays 2.
    expect(affordableUnits({ balanceMinor: 302, perMinuteMinor: 1_005, granularity: 'pulse_6s' })).toBe(3);
    expect(affordableUnits({ balanceMinor: 301, perMinuteMinor: 1_005, granularity: 'pulse_6s' })).toBe(2);
  });

  it('nothing affordable: cut at once; negative balance too', () => {
    expect(secondsUntilCutoff({ balanceMinor: 999, perMinuteMinor: 1_000, granularity: 'per_minute', elapsedSeconds: 0 })).toBe(0);
    expect(callCutoffAt({ balanceMinor: -10, perMinuteMinor: 1_000, granularity: 'per_minute', answeredAt })).toEqual(answeredAt);
  });

  it('a free destination never cuts off', () => {
    expect(callCutoffAt({ balanceMinor: 0, perMinuteMinor: 0, granularity: 'per_minute', answeredAt })).toBeNull();
    expect(secondsUntilCutoff({ balanceMinor: 0, perMinuteMinor: 0, granularity: 'pulse_6s', elapsedSeconds: 10 })).toBeNull();
  });

  it('large balances give exact integer answers', () => {
    expect(affordableUnits({ balanceMinor: 9_007_199_254_740_991, perMinuteMinor: 1, granularity: 'per_minute' })).toBe(9_007_199_254_740_991);
    expect(() => affordableUnits({ balanceMinor: 9_007_199_254_740_991, perMinuteMinor: 1, granularity: 'pulse_6s' })).toThrow(RangeError);
    expect(affordableUnits({ balanceMinor: 1_000_000_000_000, perMinuteMinor: 7, granularity: 'pulse_6s' })).toBe(1_428_571_428_571);
  });
});
