import { checkMinimumBalance, cutoffAfterSeconds, defaultBillingPolicy, rateFor, type Rate } from '../billing/index.js';
import { isBusinessCallingRestricted } from './business-calling-availability.js';
import { businessCallingRestrictedCountries } from './business-calling-restrictions.js';
import { countryOfNumber } from './country-of-number.js';
import { isDestinationAllowed } from './destination-allowed.js';
import { checkNumberLists } from './number-lists.js';
import type { OutboundChannelFacts, OutboundFacts } from './outbound-facts.js';
import { refuse, type Refusal } from './refusal.js';

// The checks shared by "call" and "invite to call", each returning a refusal or null.

export function checkValidDestination(number: string): Refusal<'INVALID_PHONE_NUMBER'> | null {
  const parsed = countryOfNumber(number);
  return parsed === null ? refuse('INVALID_PHONE_NUMBER', 'The customer number is not a valid international number.', { number }) : null;
}

export function checkChannelSwitches(channel: OutboundChannelFacts): Refusal<'VOICE_CALLING_DISABLED' | 'OUTBOUND_DISABLED'> | null {
  if (!channel.voiceCallingEnabled) return refuse('VOICE_CALLING_DISABLED', 'Voice calling is not enabled on this channel.');
  if (!channel.outboundEnabled) return refuse('OUTBOUND_DISABLED', 'Business-initiated calls are disabled on this channel.');
  return null;
}

export function checkBusinessCountry(facts: Pick<OutboundFacts, 'channel' | 'restrictedCountries'>): Refusal<'COUNTRY_NOT_SUPPORTED'> | null {
  if (facts.channel.type !== 'whatsapp') return null;
  const restrictions = facts.restrictedCountries ?? businessCallingRestrictedCountries;
  if (!isBusinessCallingRestricted(facts.channel.businessNumber, restrictions)) return null;
  return refuse('COUNTRY_NOT_SUPPORTED', 'Business-initiated calling is not available for this business number\'s country.', {
    business_country: countryOfNumber(facts.channel.businessNumber)?.country ?? null,
  });
}

export function checkDestination(
  facts: Pick<OutboundFacts, 'destinationNumber' | 'allowedDestinationCountries' | 'numberLists'>,
): Refusal<'DESTINATION_NOT_ALLOWED' | 'DO_NOT_CALL' | 'DENY_LISTED'> | null {
  const country = countryOfNumber(facts.destinationNumber)?.country ?? null;
  if (!isDestinationAllowed(country, facts.allowedDestinationCountries)) {
    return refuse('DESTINATION_NOT_ALLOWED', 'The destination country is not in the tenant\'s allowed list.', {
      destination_country: country, allowed_countries: [...facts.allowedDestinationCountries],
    });
  }
  const lists = checkNumberLists(facts.destinationNumber, facts.numberLists);
  return lists.ok ? null : refuse(lists.code, lists.message, lists.details);
}

export function checkBalance(facts: Pick<OutboundFacts, 'balance' | 'billingPolicy'>): Refusal<'INSUFFICIENT_BALANCE'> | null {
  const minimum = checkMinimumBalance(facts.balance.amountMinor, facts.billingPolicy ?? defaultBillingPolicy);
  return minimum.ok ? null : refuse(minimum.code, minimum.message, { ...minimum.details, currency: facts.balance.currency });
}

/** The destination's rate, and whether the balance pays for at least the first billing unit. */
export function checkRateAndBalance(
  facts: OutboundFacts,
): { refusal: Refusal<'NO_RATE_FOR_DESTINATION' | 'INSUFFICIENT_BALANCE'> } | { rate: Rate; cutoffAfterSeconds: number | null } {
  const country = countryOfNumber(facts.destinationNumber)?.country ?? null;
  const rate = facts.rateTable === null ? null : rateFor(facts.rateTable, country);
  if (rate === null) {
    return { refusal: refuse('NO_RATE_FOR_DESTINATION', 'There is no call rate for the destination country.', { destination_country: country }) };
  }
  if (rate.currency !== facts.balance.currency) {
    throw new Error(`Rate table currency ${rate.currency} differs from the balance currency ${facts.balance.currency}`);
  }
  const minimum = checkBalance(facts);
  if (minimum !== null) return { refusal: minimum };
  const granularity = (facts.billingPolicy ?? defaultBillingPolicy).granularity;
  const cutoff = cutoffAfterSeconds({ balanceMinor: facts.balance.amountMinor, perMinuteMinor: rate.perMinuteMinor, granularity });
  if (cutoff === 0) {
    return {
      refusal: refuse('INSUFFICIENT_BALANCE', 'The voice balance does not cover the first billing unit of this call.', {
        balance_minor: facts.balance.amountMinor, per_minute_minor: rate.perMinuteMinor, currency: facts.balance.currency,
      }),
    };
  }
  return { rate, cutoffAfterSeconds: cutoff };
}
