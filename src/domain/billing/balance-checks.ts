import type { Result } from '../errors.js';
import { defaultBillingPolicy, type BillingPolicy } from './billing-policy.js';

/** The balance needed to start a call or send a call-permission request (SPEC §5). */
export function checkMinimumBalance(
  balanceMinor: number, policy: Pick<BillingPolicy, 'minimumBalanceMinor'> = defaultBillingPolicy,
): Result<undefined, 'INSUFFICIENT_BALANCE'> {
  if (balanceMinor >= policy.minimumBalanceMinor) return { ok: true, value: undefined };
  return {
    ok: false, code: 'INSUFFICIENT_BALANCE', message: 'The voice balance is below the minimum needed to call; ask an admin to top up.',
    details: { balance_minor: balanceMinor, minimum_minor: policy.minimumBalanceMinor },
  };
}

export function checkTopUpAmount(
  amountMinor: number, policy: Pick<BillingPolicy, 'minimumTopUpMinor'> = defaultBillingPolicy,
): Result<undefined, 'TOP_UP_TOO_SMALL'> {
  if (Number.isSafeInteger(amountMinor) && amountMinor >= policy.minimumTopUpMinor) return { ok: true, value: undefined };
  return {
    ok: false, code: 'TOP_UP_TOO_SMALL', message: `The minimum top-up is ${policy.minimumTopUpMinor} minor units.`,
    details: { amount_minor: amountMinor, minimum_minor: policy.minimumTopUpMinor },
  };
}
