import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { committedCost, shareBalanceCutoffs, uncommittedBalance, type LiveBusinessCall } from '../../../src/app/billing/balance-share.js';
import { callCutoffAt, costOfUnits } from '../../../src/domain/billing/index.js';

const T0 = new Date('2026-03-02T03:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const call = (id: string, answeredS: number, perMinuteMinor = 1_000): LiveBusinessCall => ({ callId: id, answeredAt: at(answeredS), perMinuteMinor });

describe('sharing the voice balance between live business calls', () => {
  it('a live call has committed every unit it started, at least the first', () => {
    expect(committedCost(call('a', 0), at(0), 'per_minute')).toBe(1_000);
    expect(committedCost(call('a', 0), at(60), 'per_minute')).toBe(1_000);
    expect(committedCost(call('a', 0), at(61), 'per_minute')).toBe(2_000);
    expect(committedCost(call('a', 0), at(61), 'pulse_6s')).toBe(1_100);
    expect(uncommittedBalance(10_000, [call('a', 0), call('b', -61)], at(0), 'per_minute')).toBe(7_000);
  });

  it('one call alone gets the cut-off of the whole balance', () => {
    const cut = shareBalanceCutoffs({ balanceMinor: 6_500, now: at(0), granularity: 'per_minute', calls: [call('a', 0)] });
    expect(cut.get('a')).toEqual(callCutoffAt({ balanceMinor: 6_500, perMinuteMinor: 1_000, granularity: 'per_minute', answeredAt: at(0) }));
    expect(cut.get('a')).toEqual(at(360));
  });

  it('two calls split what is not committed yet; one answered earlier keeps what it used', () => {
    // a has talked 61 s (2 minutes committed), b just started (1): 12 000 − 3 000 = 9 000 left, 4 500 each.
    const cut = shareBalanceCutoffs({ balanceMinor: 12_000, now: at(61), granularity: 'per_minute', calls: [call('a', 0), call('b', 61)] });
    expect(cut.get('a')).toEqual(at(6 * 60)); // 2 000 + 4 500 = 6 500 → 6 minutes
    expect(cut.get('b')).toEqual(at(61 + 5 * 60)); // 1 000 + 4 500 = 5 500 → 5 minutes
  });

  it('free destinations never end and take no share; an overdrawn balance ends the paying calls now', () => {
    const free = shareBalanceCutoffs({ balanceMinor: 3_000, now: at(0), granularity: 'per_minute', calls: [call('a', 0), call('f', 0, 0)] });
    expect(free.get('f')).toBeNull();
    expect(free.get('a')).toEqual(at(180));
    const over = shareBalanceCutoffs({ balanceMinor: 500, now: at(10), granularity: 'per_minute', calls: [call('a', 0), call('b', 5)] });
    expect(over.get('a')).toEqual(at(10));
    expect(over.get('b')).toEqual(at(10));
  });

  it('property: at their cut-offs the calls together never cost more than the balance (when it covers what they committed)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.array(fc.record({ startedS: fc.integer({ min: 0, max: 3_600 }), rate: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('per_minute' as const, 'pulse_6s' as const),
      (balance, specs, granularity) => {
        const now = at(3_600);
        const calls = specs.map((s, i) => call(`c${i}`, 3_600 - s.startedS, s.rate));
        if (uncommittedBalance(balance, calls, now, granularity) < 0) return;
        const cut = shareBalanceCutoffs({ balanceMinor: balance, now, granularity, calls });
        let total = 0;
        for (const c of calls) {
          const end = cut.get(c.callId)!;
          expect(end.getTime()).toBeGreaterThanOrEqual(now.getTime());
          const seconds = Math.floor((end.getTime() - c.answeredAt.getTime()) / 1000);
          total += costOfUnits(Math.ceil(seconds / (granularity === 'per_minute' ? 60 : 6)), c.perMinuteMinor, granularity);
        }
        expect(total).toBeLessThanOrEqual(balance);
      },
    ));
  });
});
