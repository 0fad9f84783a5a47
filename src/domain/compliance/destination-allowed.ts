/** The tenant's destination allow-list of ISO countries: empty allows every country; an unknown country is not on a non-empty list. */
export function isDestinationAllowed(destinationCountry: string | null, allowedCountries: readonly string[]): boolean {
  if (allowedCountries.length === 0) return true;
  if (destinationCountry === null) return false;
  return allowedCountries.some((c) => c.toUpperCase() === destinationCountry.toUpperCase());
}
