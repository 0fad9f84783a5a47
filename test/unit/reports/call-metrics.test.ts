import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callResults } from '../../../src/domain/calls/index.js';
import { addCall, computeCallMetrics, emptyTally, summarize, type MetricsPolicy, type ReportCall } from '../../../src/domain/reports/index.js';

const T0 = Date.parse('2026-03-02T03:00:00Z');
const policy: MetricsPolicy = { serviceLevelThresholdS: 20, shortAbandonS: 5 };

/** An inbound call that reached routing at T0. Waits and durations in ms / s. */
function answered(waitMs: number, o: { talk?: number; hold?: number; wrap?: number | null; agentId?: string; live?: boolean } = {}): ReportCall {
  const answeredAt = T0 + waitMs;
  const talk = o.talk ?? 60;
  return {
    direction: 'inbound', offeredAt: T0, answeredAt, endedAt: o.live ? null : answeredAt + talk * 1000, result: o.live ? null : 'answered',
    endReason: o.live ? null : 'customer_hangup', agentId: o.agentId ?? 'agent-1', talkSeconds: o.live ? null : talk, holdSeconds: o.hold ?? 0,
    wrapUpSeconds: o.wrap === undefined ? null : o.wrap,
  };
}

function ended(result: ReportCall['result'], afterMs: number, endReason = 'customer_hangup'): ReportCall {
  return {
    direction: 'inbound', offeredAt: T0, answeredAt: null, endedAt: T0 + afterMs, result, endReason, agentId: null, talkSeconds: null, holdSeconds: 0, wrapUpSeconds: null,
  };
}
const abandoned = (afterMs: number) => ended('user_abandon', afterMs);

describe('computeCallMetrics (SPEC §7)', () => {
  it('answers nulls, not NaN, for the ratios of an empty range', () => {
    const m = computeCallMetrics([], policy);
    expect(m).toEqual({
      offered: 0, answered: 0, abandoned: 0, short_abandoned: 0, answered_within_threshold: 0,
      service_level_pct: null, asa_seconds: null, abandonment_rate_pct: null, aht_seconds: null, handled: 0,
    });
  });

  it('counts an answer at exactly T as within the service level, and one a millisecond later as not', () => {
    const m = computeCallMetrics([answered(20_000), answered(20_001)], policy);
    expect(m.answered).toBe(2);
    expect(m.answered_within_threshold).toBe(1);
    expect(m.service_level_pct).toBe(50);
  });

  it('counts a hang-up at exactly 5 s as short-abandoned, and one a millisecond later as abandoned', () => {
    const m = computeCallMetrics([abandoned(5_000), abandoned(5_001)], policy);
    expect(m).toMatchObject({ offered: 2, abandoned: 2, short_abandoned: 1 });
    // (abandoned − short) ÷ (offered − short) = 1 ÷ 1
    expect(m.abandonment_rate_pct).toBe(100);
    expect(m.service_level_pct).toBe(0);
  });

  it('leaves short-abandoned calls out of both denominators', () => {
    // 10 offered: 6 answered (4 within 20 s), 1 short-abandoned, 2 abandoned later, 1 voicemail.
    const calls = [
      answered(1_000), answered(10_000), answered(19_000), answered(20_000), answered(25_000), answered(90_000),
      abandoned(3_000), abandoned(30_000), abandoned(60_000), ended('voicemail', 120_000, 'voicemail_recorded'),
    ];
    const m = computeCallMetrics(calls, policy);
    expect(m).toMatchObject({ offered: 10, answered: 6, answered_within_threshold: 4, abandoned: 3, short_abandoned: 1 });
    expect(m.service_level_pct).toBe(44.44); // 4 ÷ 9
    expect(m.abandonment_rate_pct).toBe(22.22); // 2 ÷ 9
  });

  it('answers null service level and abandonment rate when every offered call was short-abandoned', () => {
    const m = computeCallMetrics([abandoned(1_000), abandoned(4_000)], policy);
    expect(m.service_level_pct).toBeNull();
    expect(m.abandonment_rate_pct).toBeNull();
    expect(m.asa_seconds).toBeNull();
    expect(m.aht_seconds).toBeNull();
  });

  it('does not count voicemail or a callback as abandoned, but both were offered', () => {
    const m = computeCallMetrics([ended('voicemail', 130_000, 'customer_hangup'), ended('user_abandon', 40_000, 'callback_requested')], policy);
    expect(m).toMatchObject({ offered: 2, abandoned: 0, short_abandoned: 0, abandonment_rate_pct: 0, service_level_pct: 0 });
  });

  it('counts missed, rejected, Meta time-outs and failures as offered, neither answered nor abandoned', () => {
    const m = computeCallMetrics([ended('missed', 60_000), ended('unanswered', 45_000, 'accept_window_expired'), ended('failed', 2_000, 'provider_error_1'), ended('rejected', 9_000)], policy);
    expect(m).toMatchObject({ offered: 4, answered: 0, abandoned: 0, service_level_pct: 0, abandonment_rate_pct: 0 });
  });

  it('leaves out outbound calls and calls that never reached routing', () => {
    const outbound: ReportCall = { ...answered(3_000), direction: 'outbound' };
    const refused = ended('unanswered', 0, 'inbound_calling_disabled');
    const seenOnlyAtEnd = ended('user_abandon', 0, 'terminated_before_connect');
    const noOffer: ReportCall = { ...abandoned(9_000), offeredAt: null };
    expect(computeCallMetrics([outbound, refused, seenOnlyAtEnd, noOffer], policy).offered).toBe(0);
  });

  it('ASA is the mean wait of answered calls, from reaching routing to the answer', () => {
    expect(computeCallMetrics([answered(4_000), answered(11_000), abandoned(100_000)], policy).asa_seconds).toBe(7.5);
    expect(computeCallMetrics([answered(1_234)], policy).asa_seconds).toBe(1.23);
  });

  it('AHT is the mean of talk + hold + wrap-up, the talk term being the recorded talk minus the hold it contains', () => {
    // talk (end − answer) 100 s of which 30 s on hold, 10 s wrap-up: 70 + 30 + 10 = 110 s; and 50 s with no wrap-up.
    const m = computeCallMetrics([answered(1_000, { talk: 100, hold: 30, wrap: 10 }), answered(1_000, { talk: 50, wrap: null })], policy);
    expect(m.handled).toBe(2);
    expect(m.aht_seconds).toBe(80);
  });

  it('counts a live answered call as answered (and in ASA) but not in AHT until it ends', () => {
    const m = computeCallMetrics([answered(6_000, { live: true }), answered(2_000, { talk: 40 })], policy);
    expect(m).toMatchObject({ answered: 2, handled: 1, aht_seconds: 40, asa_seconds: 4 });
  });

  it('in an agent\'s report, answered means answered by that agent', () => {
    const mine = answered(5_000, { agentId: 'me' });
    const someoneElse = answered(5_000, { agentId: 'other' });
    const m = computeCallMetrics([mine, someoneElse], { ...policy, agentId: 'me' });
    expect(m).toMatchObject({ offered: 2, answered: 1, answered_within_threshold: 1, abandoned: 0, service_level_pct: 50, handled: 1 });
  });

  it('follows the tenant\'s thresholds', () => {
    const calls = [answered(25_000), abandoned(8_000)];
    expect(computeCallMetrics(calls, { serviceLevelThresholdS: 30, shortAbandonS: 10 })).toMatchObject({ answered_within_threshold: 1, short_abandoned: 1, service_level_pct: 100 });
    expect(computeCallMetrics(calls, { serviceLevelThresholdS: 20, shortAbandonS: 0 })).toMatchObject({ answered_within_threshold: 0, short_abandoned: 0, service_level_pct: 0 });
  });

  const arbitraryCall: fc.Arbitrary<ReportCall> = fc.record({
    direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    offeredAt: fc.option(fc.constant(T0), { freq: 8 }),
    wait: fc.integer({ min: 0, max: 200_000 }),
    answered: fc.boolean(),
    result: fc.option(fc.constantFrom(...callResults), { freq: 8 }),
    endReason: fc.constantFrom(null, 'customer_hangup', 'callback_requested', 'inbound_calling_disabled', 'accept_window_expired'),
    talk: fc.integer({ min: 0, max: 3_600 }),
    hold: fc.integer({ min: 0, max: 600 }),
    wrap: fc.option(fc.integer({ min: 0, max: 300 })),
    agentId: fc.constantFrom(null, 'a', 'b'),
  }).map((r) => ({
    direction: r.direction, offeredAt: r.offeredAt, answeredAt: r.answered ? T0 + r.wait : null, endedAt: T0 + r.wait + r.talk * 1000,
    result: r.answered ? 'answered' : r.result, endReason: r.endReason, agentId: r.agentId, talkSeconds: r.answered ? r.talk : null,
    holdSeconds: Math.min(r.hold, r.talk), wrapUpSeconds: r.wrap,
  }));

  it('keeps its invariants on any calls: subsets stay subsets, percentages stay within 0–100, page order does not matter', () => {
    fc.assert(fc.property(fc.array(arbitraryCall, { maxLength: 40 }), fc.nat(40), (calls, cut) => {
      const m = computeCallMetrics(calls, policy);
      expect(m.answered + m.abandoned).toBeLessThanOrEqual(m.offered);
      expect(m.short_abandoned).toBeLessThanOrEqual(m.abandoned);
      expect(m.answered_within_threshold).toBeLessThanOrEqual(m.answered);
      expect(m.handled).toBeLessThanOrEqual(m.answered);
      for (const pct of [m.service_level_pct, m.abandonment_rate_pct]) {
        if (pct !== null) {
          expect(pct).toBeGreaterThanOrEqual(0);
          expect(pct).toBeLessThanOrEqual(100);
        } else {
          expect(m.offered - m.short_abandoned).toBe(0);
        }
      }
      // Folding two pages in either order gives the same figures as the whole list.
      const fold = (list: ReportCall[], t = emptyTally()) => list.reduce((acc, c) => addCall(acc, c, policy), t);
      const a = calls.slice(0, cut);
      const b = calls.slice(cut);
      expect(summarize(fold(a, fold(b)))).toEqual(m);
    }));
  });
});
