import { billableUnits, unitSeconds, type BillingGranularity } from './billing-granularity.js';
import { assertMinorUnits, toSafeNumber } from './money.js';

/**
 * Price of `units` at a per-minute rate: units × unit length × rate / 60, rounded up to the minor unit once
 * (a 6-second pulse costs a tenth of the minute rate; 10 pulses at 1 005/min cost 1 005, not 10 × 101).
 */
export function costOfUnits(units: number, perMinuteMinor: number, granularity: BillingGranularity): number {
  assertMinorUnits(perMinuteMinor, 'perMinuteMinor');
  if (units <= 0 || perMinuteMinor <= 0) return 0;
  const numerator = BigInt(units) * BigInt(unitSeconds(granularity)) * BigInt(perMinuteMinor);
  return toSafeNumber((numerator + 59n) / 60n, 'call cost');
}

export interface CallChargeInput {
  direction: 'business_initiated' | 'user_initiated';
  answered: boolean;
  /** Talk time (answer to end) in seconds; see `billableSeconds`. */
  durationSeconds: number;
  perMinuteMinor: number;
  granularity: BillingGranularity;
}

export interface CallCharge {
  units: number;
  amountMinor: number;
}

/** What a call costs: only answered business-initiated calls are charged; customer-initiated calls are free. */
export function chargeForCall(input: CallChargeInput): CallCharge {
  if (input.direction !== 'business_initiated' || !input.answered) return { units: 0, amountMinor: 0 };
  const units = billableUnits(input.durationSeconds, input.granularity);
  return { units, amountMinor: costOfUnits(units, input.perMinuteMinor, input.granularity) };
}
