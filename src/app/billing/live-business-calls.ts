import type { RateTable } from '../../domain/billing/index.js';
import type { DbOrTx } from '../deps.js';
import type { LiveBusinessCall } from './balance-share.js';
import { rateForNumber } from './tenant-rates.js';

/** The tenant's connected (or held) business-initiated calls, each with its callee's rate. */
export async function loadLiveBusinessCalls(q: DbOrTx, tenantId: string, table: RateTable): Promise<LiveBusinessCall[]> {
  const rows = await q
    .selectFrom('calls')
    .select(['id', 'answered_at', 'customer_number'])
    .where('tenant_id', '=', tenantId)
    .where('direction', '=', 'outbound')
    .where('status', 'in', ['connected', 'on_hold'])
    .where('answered_at', 'is not', null)
    .orderBy('answered_at')
    .execute();
  return rows.map((r) => ({ callId: r.id, answeredAt: r.answered_at!, perMinuteMinor: rateForNumber(table, r.customer_number)?.perMinuteMinor ?? 0 }));
}
