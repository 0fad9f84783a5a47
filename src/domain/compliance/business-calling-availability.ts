import { businessCallingRestrictedCountries, type CountryRestriction } from './business-calling-restrictions.js';
import { countryOfNumber } from './country-of-number.js';

/**
 * Is business-initiated calling unavailable for this business number? By the number's country; when the
 * country cannot be told, by its calling code (an unknown +1 number is treated as US/Canada).
 */
export function isBusinessCallingRestricted(
  businessNumber: string, restrictions: readonly CountryRestriction[] = businessCallingRestrictedCountries,
): boolean {
  const origin = countryOfNumber(businessNumber);
  if (origin === null) return false;
  if (origin.country !== null) return restrictions.some((r) => r.country === origin.country);
  return restrictions.some((r) => r.callingCode === origin.callingCode);
}
