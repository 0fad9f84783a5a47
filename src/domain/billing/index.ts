/**
 * Voice billing (SPEC §5 "Balance"). Money is integers in minor units with a currency code.
 *
 * - `rateFor(rateTable, calleeCountry)`: per-minute rate by the callee's ISO country, or the default row.
 * - `chargeForCall({ direction, answered, durationSeconds, perMinuteMinor, granularity })`: only answered
 *   business-initiated calls cost; per started minute or per 6-second pulse (`costOfUnits` rounds up once).
 * - `checkMinimumBalance` (start a call, send an invite), `checkTopUpAmount`.
 * - While a call is up: `callCutoffAt` / `secondsUntilCutoff` say when the balance can no longer pay the next unit.
 * - Ledger: `topUp`, `chargeCall`, `adjustBalance` return the entry (with the balance after it) and the new balance.
 */
export { checkMinimumBalance, checkTopUpAmount } from './balance-checks.js';
export { billableSeconds, billableUnits, unitSeconds, type BillingGranularity } from './billing-granularity.js';
export { billingPolicyFromSettings, defaultBillingPolicy, type BillingPolicy } from './billing-policy.js';
export { chargeForCall, costOfUnits, type CallCharge, type CallChargeInput } from './call-charge.js';
export { affordableUnits, callCutoffAt, cutoffAfterSeconds, secondsUntilCutoff, type CutoffInput } from './call-cutoff.js';
export { adjustBalance, chargeCall, ledgerEntryKinds, topUp, type LedgerEntry, type LedgerEntryKind, type Posting } from './ledger.js';
export { assertMinorUnits, currencyCodeSchema, minorUnitsSchema, type Balance } from './money.js';
export { rateFor, rateTableSchema, type Rate, type RateTable } from './rate-table.js';
