/**
 * Reports: the SPEC §7 metrics (offered, answered, abandoned, service level, ASA, abandonment rate,
 * AHT, occupancy), Call Activity outcomes, wall-clock time in the tenant's zone and CSV cells.
 * Pure functions over plain rows; ranges and `now` are passed in.
 */
export * from './available-time.js';
export * from './call-metrics.js';
export * from './call-outcomes.js';
export * from './csv.js';
export * from './handle-time.js';
export * from './occupancy.js';
export * from './ratios.js';
export * from './report-call.js';
export * from './report-range.js';
export * from './zoned-time.js';
