import { assertNever } from '../assert-never.js';
import type { TenantSettings } from '../settings.js';

/** Bill per started minute (product default) or per 6-second pulse (what Meta bills). */
export type BillingGranularity = TenantSettings['billing_granularity'];

export function unitSeconds(granularity: BillingGranularity): number {
  switch (granularity) {
    case 'per_minute':
      return 60;
    case 'pulse_6s':
      return 6;
    default:
      return assertNever(granularity, 'billing granularity');
  }
}

/** Started units of a duration: 0 s → 0, 60 s → 1 minute, 61 s → 2 minutes, 56 s → 10 pulses. */
export function billableUnits(durationSeconds: number, granularity: BillingGranularity): number {
  if (!(durationSeconds > 0)) return 0;
  return Math.ceil(durationSeconds / unitSeconds(granularity));
}

/** Whole seconds talked, from answer to end; never negative. */
export function billableSeconds(answeredAt: Date, endedAt: Date): number {
  return Math.max(0, Math.floor((endedAt.getTime() - answeredAt.getTime()) / 1000));
}
