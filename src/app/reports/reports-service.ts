import type { CoreDeps } from '../deps.js';
import { createCallExport } from '../calls/call-export.js';
import { createCallSearch } from '../calls/call-search.js';
import { createCallActivityReport } from './call-activity-report.js';
import { createMetricsReport } from './metrics-report.js';
import { createWallboard } from './wallboard.js';

/** Reports and record search (SPEC §7): metrics, Call Activity, the wallboard snapshot, advanced search and CSV export. */
export function createReportsService(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  return {
    ...createMetricsReport(deps),
    ...createCallActivityReport(deps),
    ...createWallboard(deps),
    ...createCallSearch(deps),
    exportCsv: createCallExport(deps).csv,
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
