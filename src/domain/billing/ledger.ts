import { assertNever } from '../assert-never.js';
import type { Result } from '../errors.js';
import { checkTopUpAmount } from './balance-checks.js';
import { defaultBillingPolicy, type BillingPolicy } from './billing-policy.js';
import { assertMinorUnits, type Balance } from './money.js';

export const ledgerEntryKinds = ['top_up', 'call_charge', 'adjustment'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/** One row of the voice-balance ledger: every balance change is one, with the balance after it. */
export interface LedgerEntry {
  kind: LedgerEntryKind;
  /** Signed: top-ups positive, call charges negative, adjustments either. */
  amountMinor: number;
  currency: string;
  balanceAfterMinor: number;
  callId: string | null;
  note: string | null;
  at: string;
}

export interface Posting {
  entry: LedgerEntry;
  balance: Balance;
}

export function topUp(
  balance: Balance, amountMinor: number, now: Date, policy: Pick<BillingPolicy, 'minimumTopUpMinor'> = defaultBillingPolicy,
): Result<Posting, 'TOP_UP_TOO_SMALL'> {
  const check = checkTopUpAmount(amountMinor, policy);
  if (!check.ok) return check;
  return { ok: true, value: post(balance, { kind: 'top_up', amountMinor, callId: null, note: null, at: now }) };
}

/** Debits a call's charge (it may take the balance below zero: the provider already carried the call). Null for a free call. */
export function chargeCall(balance: Balance, charge: { callId: string; amountMinor: number; now: Date }): Posting | null {
  if (charge.amountMinor === 0) return null;
  if (charge.amountMinor < 0) throw new RangeError('A call charge is a positive amount to debit');
  return post(balance, { kind: 'call_charge', amountMinor: -charge.amountMinor, callId: charge.callId, note: null, at: charge.now });
}

/** A manual correction by an admin, with the reason. */
export function adjustBalance(balance: Balance, adjustment: { amountMinor: number; note: string; now: Date }): Posting {
  if (adjustment.amountMinor === 0) throw new RangeError('An adjustment changes the balance');
  return post(balance, { kind: 'adjustment', amountMinor: adjustment.amountMinor, callId: null, note: adjustment.note, at: adjustment.now });
}

function post(
  balance: Balance, e: { kind: LedgerEntryKind; amountMinor: number; callId: string | null; note: string | null; at: Date },
): Posting {
  assertSign(e.kind, e.amountMinor);
  const after = assertMinorUnits(assertMinorUnits(balance.amountMinor, 'balance') + assertMinorUnits(e.amountMinor, 'amount'), 'balance after');
  return {
    entry: { kind: e.kind, amountMinor: e.amountMinor, currency: balance.currency, balanceAfterMinor: after, callId: e.callId, note: e.note, at: e.at.toISOString() },
    balance: { currency: balance.currency, amountMinor: after },
  };
}

function assertSign(kind: LedgerEntryKind, amountMinor: number): void {
  switch (kind) {
    case 'top_up':
      if (amountMinor <= 0) throw new RangeError('A top-up credits the balance');
      return;
    case 'call_charge':
      if (amountMinor >= 0) throw new RangeError('A call charge debits the balance');
      return;
    case 'adjustment':
      return;
    default:
      assertNever(kind, 'ledger entry kind');
  }
}
