import { describe, expect, it } from 'vitest';
import { availableSeconds, handleSecondsInRange, occupancy, presenceAtStart, type PresenceChange } from '../../../src/domain/reports/index.js';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const range = { from: T0 + 8 * H, to: T0 + 10 * H }; // 08:00–10:00
const at = (h: number, m = 0) => T0 + h * H + m * 60_000;
const row = (time: number, status: string, source = 'user'): PresenceChange => ({ at: time, status, source });

describe('available time from presence history', () => {
  it('counts available time clipped to the range', () => {
    // Available since before the range, offline at 09:30.
    const start = presenceAtStart(row(at(7), 'available'), null);
    expect(availableSeconds(start, [row(at(9, 30), 'offline')], range)).toBe(90 * 60);
    // Available from 09:00 until after the range.
    expect(availableSeconds({ status: 'offline', onCall: false }, [row(at(9), 'available'), row(at(11), 'offline')], range)).toBe(3_600);
  });

  it('does not count time on a call, and picks up again when the call is released', () => {
    const changes = [row(at(8, 10), 'busy', 'call'), row(at(8, 40), 'available', 'call_ended')];
    expect(availableSeconds({ status: 'available', onCall: false }, changes, range)).toBe((10 + 80) * 60);
  });

  it('wrap-up, pauses and offline are not available', () => {
    const changes = [
      row(at(8, 0), 'busy', 'call'), row(at(8, 20), 'after_call_work', 'wrap_up'), row(at(8, 25), 'available', 'wrap_up_end'),
      row(at(9, 0), 'paused'), row(at(9, 30), 'available'), row(at(9, 45), 'offline'),
    ];
    expect(availableSeconds({ status: 'available', onCall: false }, changes, range)).toBe((35 + 15) * 60);
  });

  it('a status chosen during a call takes effect when the call ends', () => {
    // Paused while on the call, released into the pause, back at 09:00.
    const changes = [row(at(8, 10), 'busy', 'call'), row(at(8, 15), 'paused'), row(at(8, 30), 'paused', 'call_ended'), row(at(9), 'available')];
    expect(availableSeconds({ status: 'available', onCall: false }, changes, range)).toBe((10 + 60) * 60);
    // Chose available again while still on the call: nothing counts until the release.
    const back = [row(at(8, 10), 'busy', 'call'), row(at(8, 15), 'paused'), row(at(8, 20), 'available'), row(at(8, 30), 'available', 'call_ended')];
    expect(availableSeconds({ status: 'available', onCall: false }, back, range)).toBe((10 + 90) * 60);
  });

  it('knows from the rows before the range whether a call was on at its start', () => {
    const onCall = presenceAtStart(row(at(7, 50), 'available', 'user'), row(at(7, 55), 'busy', 'call'));
    expect(onCall).toEqual({ status: 'available', onCall: true });
    expect(availableSeconds(onCall, [row(at(8, 5), 'available', 'call_ended')], range)).toBe(115 * 60);
    const released = presenceAtStart(row(at(7, 58), 'available', 'call_ended'), row(at(7, 58), 'available', 'call_ended'));
    expect(availableSeconds(released, [], range)).toBe(2 * 3_600);
    expect(availableSeconds(presenceAtStart(null, null), [], range)).toBe(0);
  });

  it('ignores rows at or after the end of the range', () => {
    expect(availableSeconds({ status: 'offline', onCall: false }, [row(range.to, 'available'), row(at(12), 'offline')], range)).toBe(0);
  });
});

describe('handle time and occupancy', () => {
  it('clips talk and wrap-up to the range, and counts a live call up to now', () => {
    const calls = [
      { answeredAt: at(7, 50), endedAt: at(8, 10), wrapUpSeconds: 60 }, // 10 min talk + 1 min wrap inside
      { answeredAt: at(9, 55), endedAt: at(10, 5), wrapUpSeconds: 120 }, // 5 min inside, wrap outside
      { answeredAt: at(9, 0), endedAt: null, wrapUpSeconds: null }, // live: 09:00 → now 09:20
    ];
    expect(handleSecondsInRange(calls, range, at(9, 20))).toBe((11 + 5 + 20) * 60);
  });

  it('is handle ÷ (handle + available), null when both are zero', () => {
    expect(occupancy(1_800, 5_400)).toEqual({ handle_seconds: 1_800, available_seconds: 5_400, occupancy_pct: 25 });
    expect(occupancy(0, 0).occupancy_pct).toBeNull();
    expect(occupancy(0, 60).occupancy_pct).toBe(0);
    expect(occupancy(60, 0).occupancy_pct).toBe(100);
  });
});
