/**
 * Countries whose business phone numbers cannot place business-initiated WhatsApp calls (SPEC §5), decided
 * from the channel number's country. Meta changes this list, so it is data, not code. Meta's Mar/Jun 2026
 * pages no longer list Turkey; the SPEC still does, so Turkey stays until the product decides otherwise.
 * Inbound calls have no country restriction.
 */
export interface CountryRestriction {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** E.164 country calling code, used when a number's exact country cannot be told (e.g. an unassigned +1 area code). */
  callingCode: string;
  name: string;
}

export const businessCallingRestrictedCountries: readonly CountryRestriction[] = [
  { country: 'US', callingCode: '1', name: 'United States' },
  { country: 'CA', callingCode: '1', name: 'Canada' },
  { country: 'TR', callingCode: '90', name: 'Turkey' },
  { country: 'EG', callingCode: '20', name: 'Egypt' },
  { country: 'VN', callingCode: '84', name: 'Vietnam' },
  { country: 'NG', callingCode: '234', name: 'Nigeria' },
];
