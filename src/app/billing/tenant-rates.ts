import { rateFor, type Rate, type RateTable } from '../../domain/billing/index.js';
import { countryOfNumber } from '../../domain/compliance/index.js';
import type { DbOrTx } from '../deps.js';

/** The tenant's rate table as the billing domain reads it (`*` in the table is the default row). */
export async function loadRateTable(q: DbOrTx, tenantId: string): Promise<RateTable> {
  const tenant = await q.selectFrom('tenants').select('currency').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const rows = await q.selectFrom('voice_rates').select(['country', 'rate_per_minute_minor']).where('tenant_id', '=', tenantId).execute();
  return {
    currency: tenant.currency,
    rows: rows.map((r) => ({ country: r.country === '*' ? null : r.country, perMinuteMinor: r.rate_per_minute_minor })),
  };
}

/** The per-minute rate for calling `number` (by the callee's country), or null when there is none. */
export function rateForNumber(table: RateTable, number: string | null): Rate | null {
  const country = number ? (countryOfNumber(number)?.country ?? null) : null;
  return rateFor(table, country);
}
