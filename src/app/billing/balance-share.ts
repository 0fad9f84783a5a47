import { billableSeconds, billableUnits, costOfUnits, cutoffAfterSeconds, type BillingGranularity } from '../../domain/billing/index.js';

/** A connected business-initiated call drawing on the voice balance. */
export interface LiveBusinessCall {
  callId: string;
  answeredAt: Date;
  perMinuteMinor: number;
}

/**
 * What a live call has already committed at `now`: every billing unit it has started, at least the first
 * (a call ending now is billed exactly this).
 */
export function committedCost(call: LiveBusinessCall, now: Date, granularity: BillingGranularity): number {
  const units = Math.max(1, billableUnits(billableSeconds(call.answeredAt, now), granularity));
  return costOfUnits(units, call.perMinuteMinor, granularity);
}

/** The balance left for a new call: the ledger balance minus what the live calls already committed. */
export function uncommittedBalance(balanceMinor: number, calls: readonly LiveBusinessCall[], now: Date, granularity: BillingGranularity): number {
  return balanceMinor - calls.reduce((sum, c) => sum + committedCost(c, now, granularity), 0);
}

/**
 * When each live call must end because the balance can no longer pay its next unit. Calls are only charged
 * when they end, so several calls share one balance: what is not yet committed is split evenly between the
 * paying calls, each keeps what it already committed, and the cut-offs together never spend more than the
 * balance. Recomputed whenever a call connects or one ends (its charge lowers the balance). One call alone
 * gets `callCutoffAt` of the whole balance. Null: the call never has to end (a free destination).
 */
export function shareBalanceCutoffs(input: {
  balanceMinor: number;
  now: Date;
  granularity: BillingGranularity;
  calls: readonly LiveBusinessCall[];
}): Map<string, Date | null> {
  const { now, granularity } = input;
  const paying = input.calls.filter((c) => c.perMinuteMinor > 0);
  const committed = new Map(paying.map((c) => [c.callId, committedCost(c, now, granularity)]));
  const remaining = uncommittedBalance(input.balanceMinor, paying, now, granularity);
  const share = paying.length === 0 || remaining <= 0 ? 0 : Math.floor(remaining / paying.length);
  const out = new Map<string, Date | null>();
  for (const c of input.calls) {
    if (c.perMinuteMinor <= 0) {
      out.set(c.callId, null);
      continue;
    }
    if (remaining < 0) {
      out.set(c.callId, now);
      continue;
    }
    const seconds = cutoffAfterSeconds({ balanceMinor: committed.get(c.callId)! + share, perMinuteMinor: c.perMinuteMinor, granularity })!;
    const at = c.answeredAt.getTime() + seconds * 1000;
    out.set(c.callId, new Date(Math.max(at, now.getTime())));
  }
  return out;
}
