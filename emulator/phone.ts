/** Phone-number helpers: WhatsApp ids are E.164 digits without "+". */
export const digitsOf = (value: string): string => value.replace(/\D/g, '');

/**
 * Business-initiated calling is unavailable for business numbers of these country calling codes
 * (Meta's list, 2026 pages; Turkey was dropped). Kept as data so it can change without code.
 */
export const BIC_RESTRICTED_COUNTRY_CODES: Readonly<Record<string, string>> = {
  '1': 'USA/Canada',
  '20': 'Egypt',
  '84': 'Vietnam',
  '234': 'Nigeria',
};

/** The restricted country (name) of a business number, or undefined when calls are allowed. */
export function restrictedCountryOf(
  displayPhoneNumber: string,
  table: Readonly<Record<string, string>> = BIC_RESTRICTED_COUNTRY_CODES,
): string | undefined {
  const digits = digitsOf(displayPhoneNumber);
  // Country calling codes are prefix-free, so the first match is the only one.
  for (const [code, country] of Object.entries(table)) if (digits.startsWith(code)) return country;
  return undefined;
}
