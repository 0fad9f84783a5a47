import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NumberCountry {
  /** E.164 form. */
  e164: string;
  /** ISO 3166-1 alpha-2, or null when the calling code is shared and the number does not tell which country. */
  country: string | null;
  callingCode: string;
}

/** The country of an international number; null when it is not a parseable international number. */
export function countryOfNumber(number: string): NumberCountry | null {
  const parsed = parsePhoneNumberFromString(number.startsWith('+') ? number : `+${number}`);
  if (parsed === undefined) return null;
  return { e164: parsed.number, country: parsed.country ?? null, callingCode: parsed.countryCallingCode };
}
