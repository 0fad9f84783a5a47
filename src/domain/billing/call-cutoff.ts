import { unitSeconds, type BillingGranularity } from './billing-granularity.js';
import { assertMinorUnits, toSafeNumber } from './money.js';

export interface CutoffInput {
  /** What this call may spend: the balance at answer, minus what other live calls already committed. */
  balanceMinor: number;
  perMinuteMinor: number;
  granularity: BillingGranularity;
}

/** How many started units the balance pays for (cost(n) ≤ balance ⟺ n ≤ balance × 60 / (unit × rate)). */
export function affordableUnits(input: CutoffInput): number | null {
  assertMinorUnits(input.balanceMinor, 'balanceMinor');
  assertMinorUnits(input.perMinuteMinor, 'perMinuteMinor');
  if (input.perMinuteMinor <= 0) return null;
  if (input.balanceMinor <= 0) return 0;
  const units = (BigInt(input.balanceMinor) * 60n) / (BigInt(unitSeconds(input.granularity)) * BigInt(input.perMinuteMinor));
  return toSafeNumber(units, 'affordable units');
}

/**
 * Talk time (seconds from answer) at which the call must end because the balance cannot pay for the next unit:
 * a call lasting exactly n units is billed n units; one more instant starts unit n + 1. Null when the rate is 0.
 */
export function cutoffAfterSeconds(input: CutoffInput): number | null {
  const units = affordableUnits(input);
  return units === null ? null : units * unitSeconds(input.granularity);
}

/** Seconds left before the cut-off, given the talk time so far (0 when it is due); null when it never comes. */
export function secondsUntilCutoff(input: CutoffInput & { elapsedSeconds: number }): number | null {
  const cutoff = cutoffAfterSeconds(input);
  return cutoff === null ? null : Math.max(0, cutoff - input.elapsedSeconds);
}

/** The instant the bridge must end the call; null when it never has to. */
export function callCutoffAt(input: CutoffInput & { answeredAt: Date }): Date | null {
  const cutoff = cutoffAfterSeconds(input);
  return cutoff === null ? null : new Date(input.answeredAt.getTime() + cutoff * 1000);
}
