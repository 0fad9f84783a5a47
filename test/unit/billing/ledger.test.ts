import { describe, expect, it } from 'vitest';
import {
  adjustBalance, billingPolicyFromSettings, chargeCall, checkMinimumBalance, checkTopUpAmount, topUp, type Balance,
} from '../../../src/domain/billing/index.js';

const now = new Date('2026-03-02T08:00:00.000Z');
const idr = (amountMinor: number): Balance => ({ currency: 'IDR', amountMinor });

describe('balance checks', () => {
  it('needs Rp 50 000 to call or invite: 49 999 refused, 50 000 allowed', () => {
    expect(checkMinimumBalance(49_999)).toMatchObject({
      ok: false, code: 'INSUFFICIENT_BALANCE', details: { balance_minor: 49_999, minimum_minor: 50_000 },
    });
    expect(checkMinimumBalance(50_000).ok).toBe(true);
  });

  it('the minimum follows the tenant setting', () => {
    const policy = billingPolicyFromSettings({ billing_granularity: 'pulse_6s', minimum_balance_minor: 10, minimum_top_up_minor: 100 });
    expect(policy.granularity).toBe('pulse_6s');
    expect(checkMinimumBalance(10, policy).ok).toBe(true);
    expect(checkTopUpAmount(99, policy)).toMatchObject({ ok: false, code: 'TOP_UP_TOO_SMALL' });
  });

  it('top-ups start at 50 000 and must be whole minor units', () => {
    expect(checkTopUpAmount(49_999).ok).toBe(false);
    expect(checkTopUpAmount(50_000).ok).toBe(true);
    expect(checkTopUpAmount(50_000.5).ok).toBe(false);
  });
});

describe('ledger', () => {
  it('records each change with the balance after it', () => {
    const t = topUp(idr(0), 100_000, now);
    if (!t.ok) throw new Error('top-up refused');
    expect(t.value.entry).toEqual({
      kind: 'top_up', amountMinor: 100_000, currency: 'IDR', balanceAfterMinor: 100_000, callId: null, note: null, at: now.toISOString(),
    });
    const c = chargeCall(t.value.balance, { callId: 'call-1', amountMinor: 3_000, now });
    expect(c?.entry).toMatchObject({ kind: 'call_charge', amountMinor: -3_000, balanceAfterMinor: 97_000, callId: 'call-1' });
    const a = adjustBalance(c!.balance, { amountMinor: -7_000, note: 'refund reversal', now });
    expect(a.entry).toMatchObject({ kind: 'adjustment', amountMinor: -7_000, balanceAfterMinor: 90_000, note: 'refund reversal' });
    expect(a.balance).toEqual(idr(90_000));
  });

  it('refuses a top-up under the minimum without an entry', () => {
    expect(topUp(idr(0), 10_000, now)).toMatchObject({ ok: false, code: 'TOP_UP_TOO_SMALL' });
  });

  it('a free call writes no entry; a charge may take the balance below zero', () => {
    expect(chargeCall(idr(10), { callId: 'c', amountMinor: 0, now })).toBeNull();
    expect(chargeCall(idr(10), { callId: 'c', amountMinor: 25, now })?.balance).toEqual(idr(-15));
  });

  it('rejects amounts that are bugs: negative charges, zero adjustments, beyond safe integers', () => {
    expect(() => chargeCall(idr(10), { callId: 'c', amountMinor: -5, now })).toThrow(RangeError);
    expect(() => adjustBalance(idr(10), { amountMinor: 0, note: 'x', now })).toThrow(RangeError);
    expect(() => adjustBalance(idr(Number.MAX_SAFE_INTEGER), { amountMinor: 1, note: 'x', now })).toThrow(RangeError);
  });
});
