import type { TenantSettings } from '../settings.js';
import type { BillingGranularity } from './billing-granularity.js';

export interface BillingPolicy {
  granularity: BillingGranularity;
  /** Balance needed to start a call and to send a call-permission request (Rp 50 000). */
  minimumBalanceMinor: number;
  minimumTopUpMinor: number;
}

export const defaultBillingPolicy: BillingPolicy = {
  granularity: 'per_minute',
  minimumBalanceMinor: 50_000,
  minimumTopUpMinor: 50_000,
};

export function billingPolicyFromSettings(
  settings: Pick<TenantSettings, 'billing_granularity' | 'minimum_balance_minor' | 'minimum_top_up_minor'>,
): BillingPolicy {
  return {
    granularity: settings.billing_granularity,
    minimumBalanceMinor: settings.minimum_balance_minor,
    minimumTopUpMinor: settings.minimum_top_up_minor,
  };
}
