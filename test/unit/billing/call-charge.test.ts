import { describe, expect, it } from 'vitest';
import {
  billableSeconds, billableUnits, chargeForCall, costOfUnits, rateFor, rateTableSchema, type CallChargeInput,
} from '../../../src/domain/billing/index.js';

const answeredBusinessCall = (over: Partial<CallChargeInput>): CallChargeInput => ({
  direction: 'business_initiated', answered: true, durationSeconds: 60, perMinuteMinor: 1_000, granularity: 'per_minute', ...over,
});

describe('billable units', () => {
  it.each([
    [0, 0], [-5, 0], [Number.NaN, 0], [1, 1], [59, 1], [60, 1], [61, 2], [120, 2], [121, 3],
  ])('per started minute: %s s → %s', (seconds, units) => {
    expect(billableUnits(seconds, 'per_minute')).toBe(units);
  });

  it.each([[0, 0], [1, 1], [6, 1], [7, 2], [56, 10], [60, 10], [61, 11]])('6-second pulses: %s s → %s', (seconds, pulses) => {
    expect(billableUnits(seconds, 'pulse_6s')).toBe(pulses);
  });

  it('talk time is whole seconds from answer to end, never negative', () => {
    const answered = new Date('2026-03-02T08:00:00.000Z');
    expect(billableSeconds(answered, new Date('2026-03-02T08:01:00.999Z'))).toBe(60);
    expect(billableSeconds(answered, new Date('2026-03-02T08:01:01.000Z'))).toBe(61);
    expect(billableSeconds(answered, new Date('2026-03-02T07:59:00.000Z'))).toBe(0);
  });
});

describe('chargeForCall', () => {
  it('60 s costs one minute, 61 s two', () => {
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: 60 }))).toEqual({ units: 1, amountMinor: 1_000 });
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: 61 }))).toEqual({ units: 2, amountMinor: 2_000 });
  });

  it('6-second pulses cost a tenth of the minute rate, rounded up once on the total', () => {
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: 56, granularity: 'pulse_6s' }))).toEqual({ units: 10, amountMinor: 1_000 });
    // 1 005/min: a pulse is 100.5; 3 pulses are 301.5 → 302 (not 3 × 101 = 303).
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: 13, granularity: 'pulse_6s', perMinuteMinor: 1_005 })))
      .toEqual({ units: 3, amountMinor: 302 });
    expect(costOfUnits(1, 1, 'pulse_6s')).toBe(1);
  });

  it('zero and negative durations cost nothing', () => {
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: 0 }))).toEqual({ units: 0, amountMinor: 0 });
    expect(chargeForCall(answeredBusinessCall({ durationSeconds: -3 }))).toEqual({ units: 0, amountMinor: 0 });
  });

  it('customer-initiated and unanswered calls are free', () => {
    expect(chargeForCall(answeredBusinessCall({ direction: 'user_initiated', durationSeconds: 600 })).amountMinor).toBe(0);
    expect(chargeForCall(answeredBusinessCall({ answered: false, durationSeconds: 30 })).amountMinor).toBe(0);
  });

  it('large values stay exact integers', () => {
    // 10 days of talk at 900 000 000 000 minor units a minute: 14 400 min × 9e11 = 1.296e16 > 2^53 → refused.
    expect(() => chargeForCall(answeredBusinessCall({ durationSeconds: 864_000, perMinuteMinor: 900_000_000_000 }))).toThrow(RangeError);
    // 1 000 000 pulses at 9 007 199 254 per minute → 900 719 925 400 000, exact.
    expect(costOfUnits(1_000_000, 9_007_199_254, 'pulse_6s')).toBe(900_719_925_400_000);
    expect(costOfUnits(3, 9_007_199_254_740_991, 'pulse_6s')).toBe(2_702_159_776_422_298); // ceil(3 × …991 / 10)
  });

  it('refuses fractional rates as a bug', () => {
    expect(() => costOfUnits(1, 10.5, 'per_minute')).toThrow(RangeError);
  });
});

describe('rateFor', () => {
  const table = rateTableSchema.parse({
    currency: 'IDR', rows: [{ country: 'ID', perMinuteMinor: 1_200 }, { country: 'SG', perMinuteMinor: 2_500 }, { country: null, perMinuteMinor: 4_000 }],
  });

  it('uses the callee country row, else the default row', () => {
    expect(rateFor(table, 'ID')).toEqual({ currency: 'IDR', perMinuteMinor: 1_200, country: 'ID' });
    expect(rateFor(table, 'sg')?.perMinuteMinor).toBe(2_500);
    expect(rateFor(table, 'BR')).toEqual({ currency: 'IDR', perMinuteMinor: 4_000, country: null });
    expect(rateFor(table, null)?.country).toBeNull();
  });

  it('has no rate without a matching row or default', () => {
    expect(rateFor({ currency: 'IDR', rows: [{ country: 'ID', perMinuteMinor: 1 }] }, 'BR')).toBeNull();
  });

  it('rejects duplicate rows, fractional rates and bad currency codes', () => {
    expect(rateTableSchema.safeParse({ currency: 'IDR', rows: [{ country: null, perMinuteMinor: 1 }, { country: null, perMinuteMinor: 2 }] }).success).toBe(false);
    expect(rateTableSchema.safeParse({ currency: 'IDR', rows: [{ country: 'ID', perMinuteMinor: 1.5 }] }).success).toBe(false);
    expect(rateTableSchema.safeParse({ currency: 'rupiah', rows: [] }).success).toBe(false);
  });
});
