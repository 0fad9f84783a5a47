import { describe, expect, it } from 'vitest';
import { callResults } from '../../../src/domain/calls/index.js';
import { activityOutcomeOf, handleSeconds, resultsWithOutcome, waitMs, type ReportCall } from '../../../src/domain/reports/index.js';

const T0 = Date.parse('2026-03-02T03:00:00Z');
const call = (o: Partial<ReportCall>): ReportCall => ({
  direction: 'inbound', offeredAt: T0, answeredAt: null, endedAt: null, result: null, endReason: null, agentId: null, talkSeconds: null, holdSeconds: 0, wrapUpSeconds: null, ...o,
});

describe('call outcomes', () => {
  it('Call Activity: answered apart; agent rejected, caller hung up, Meta time-out, missed and failed are unanswered; voicemail apart', () => {
    expect(resultsWithOutcome('answered')).toEqual(['answered']);
    expect(resultsWithOutcome('unanswered').sort()).toEqual(['failed', 'missed', 'rejected', 'unanswered', 'user_abandon']);
    expect(resultsWithOutcome('voicemail')).toEqual(['voicemail']);
    // Every result has exactly one column.
    expect(callResults.map((r) => activityOutcomeOf[r]).every(Boolean)).toBe(true);
  });

  it('waits until the answer, or until the end of a call never answered, and is unknown while it still waits', () => {
    expect(waitMs(call({ answeredAt: T0 + 7_000, endedAt: T0 + 90_000 }))).toBe(7_000);
    expect(waitMs(call({ endedAt: T0 + 12_000 }))).toBe(12_000);
    expect(waitMs(call({}))).toBeNull();
    expect(waitMs(call({ offeredAt: null, endedAt: T0 }))).toBeNull();
  });

  it('handle time needs an ended answered call', () => {
    expect(handleSeconds(call({ answeredAt: T0, endedAt: T0 + 90_000, talkSeconds: 90, holdSeconds: 20, wrapUpSeconds: 15 }))).toBe(105);
    expect(handleSeconds(call({ answeredAt: T0, talkSeconds: null }))).toBeNull();
    expect(handleSeconds(call({ endedAt: T0, talkSeconds: null }))).toBeNull();
  });
});
