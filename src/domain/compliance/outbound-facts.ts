import type { Balance, BillingPolicy, RateTable } from '../billing/index.js';
import type { PermissionPolicy, PermissionState } from '../permissions/index.js';
import type { CountryRestriction } from './business-calling-restrictions.js';
import type { NumberLists } from './number-lists.js';

/** The channel's calling switches and number. */
export interface OutboundChannelFacts {
  /** `voice` (SIP) channels skip the WhatsApp-only rules: permission, business-number country, call limit. */
  type: 'whatsapp' | 'voice';
  voiceCallingEnabled: boolean;
  outboundEnabled: boolean;
  /** The channel's own number, E.164. */
  businessNumber: string;
}

/** Everything the outbound checks look at, loaded by the app; the checks themselves have no side effect. */
export interface OutboundFacts {
  now: Date;
  channel: OutboundChannelFacts;
  /** The customer's number, E.164. */
  destinationNumber: string;
  /** The customer's call permission on this channel (null: never asked). */
  permission: PermissionState | null;
  permissionPolicy?: PermissionPolicy;
  /** The tenant's destination allow-list of ISO countries (empty: all). */
  allowedDestinationCountries: readonly string[];
  numberLists: NumberLists;
  /** Balance available to start a call (minus what live calls already committed). */
  balance: Balance;
  rateTable: RateTable | null;
  billingPolicy?: BillingPolicy;
  /** Override of the business-number country restrictions (defaults to the data file). */
  restrictedCountries?: readonly CountryRestriction[];
}
