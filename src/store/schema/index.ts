import type { BillingTables } from './billing.js';
import type { BusinessTables } from './business.js';
import type { CallTables } from './calls.js';
import type { FoundationTables } from './foundation.js';

export * from './billing.js';
export * from './business.js';
export * from './calls.js';
export * from './foundation.js';
export * from './json.js';

/** Every table, as Kysely sees it. Each migration's tables get a file here. */
export type DB = FoundationTables & BillingTables & CallTables & BusinessTables;
