/**
 * Compliance of business-initiated calls (SPEC §5 country rules, §9 callback checks). Pure checks over plain
 * facts the app loads; each refusal carries a distinct error code and nothing is changed.
 *
 * - `checkOutboundCall(facts)`: before placing a call (also a callback from a record). Order: valid number,
 *   VOICE_CALLING_DISABLED, OUTBOUND_DISABLED, NO_CALL_PERMISSION, COUNTRY_NOT_SUPPORTED, DESTINATION_NOT_ALLOWED,
 *   DO_NOT_CALL, DENY_LISTED, CALL_LIMIT_REACHED, NO_RATE_FOR_DESTINATION, INSUFFICIENT_BALANCE, AGENT_BUSY.
 *   On success it returns the rate and the balance cut-off for the bridge.
 * - `checkPermissionRequest(facts)`: before "Invite to call".
 * - Building blocks: `isBusinessCallingRestricted` (data: `businessCallingRestrictedCountries`),
 *   `isDestinationAllowed`, `checkNumberLists`, `countryOfNumber`.
 */
export { isBusinessCallingRestricted } from './business-calling-availability.js';
export { businessCallingRestrictedCountries, type CountryRestriction } from './business-calling-restrictions.js';
export { checkOutboundCall, type OutboundClearance, type OutboundRefusalCode } from './check-outbound-call.js';
export { checkPermissionRequest, type PermissionRequestRefusalCode } from './check-permission-request.js';
export { countryOfNumber, type NumberCountry } from './country-of-number.js';
export { isDestinationAllowed } from './destination-allowed.js';
export { checkNumberLists, emptyNumberLists, type NumberLists } from './number-lists.js';
export type { OutboundChannelFacts, OutboundFacts } from './outbound-facts.js';
export type { Refusal } from './refusal.js';
