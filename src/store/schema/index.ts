import type { BillingTables } from './billing.js';
import type { FoundationTables } from './foundation.js';

export * from './billing.js';
export * from './foundation.js';
export * from './json.js';

/** Every table, as Kysely sees it. Each migration's tables get a file here. */
export type DB = FoundationTables & BillingTables;
