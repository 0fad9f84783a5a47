import { isTimeZone, type MetricsPolicy } from '../../domain/reports/index.js';
import type { DbOrTx } from '../deps.js';
import { loadSettings } from '../tenants/tenant-settings.js';

export interface ReportSettings {
  timeZone: string;
  policy: MetricsPolicy;
}

/** The tenant's report thresholds and time zone (UTC if the stored zone is unknown to this platform). */
export async function reportSettings(db: DbOrTx, tenantId: string): Promise<ReportSettings> {
  const s = await loadSettings(db, tenantId);
  return {
    timeZone: isTimeZone(s.time_zone) ? s.time_zone : 'UTC',
    policy: { serviceLevelThresholdS: s.service_level_threshold_s, shortAbandonS: s.short_abandon_s },
  };
}
