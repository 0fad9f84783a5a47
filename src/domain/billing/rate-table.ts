import { z } from 'zod';
import { currencyCodeSchema } from './money.js';

/** Per-minute rates by the callee's ISO country; a row with `country: null` is the default for the others. */
export const rateTableSchema = z.object({
  currency: currencyCodeSchema,
  rows: z.array(z.object({
    country: z.string().regex(/^[A-Z]{2}$/).nullable(),
    perMinuteMinor: z.number().int().min(0).refine(Number.isSafeInteger),
  })).refine((rows) => new Set(rows.map((r) => r.country)).size === rows.length, 'one row per country and at most one default'),
});
export type RateTable = z.infer<typeof rateTableSchema>;

export interface Rate {
  currency: string;
  perMinuteMinor: number;
  /** The row that matched: the country, or null for the default row. */
  country: string | null;
}

/** The rate for calling a number in `country` (ISO 3166 alpha-2); null when neither the country nor a default has one. */
export function rateFor(table: RateTable, country: string | null): Rate | null {
  const exact = country === null ? undefined : table.rows.find((r) => r.country === country.toUpperCase());
  const row = exact ?? table.rows.find((r) => r.country === null);
  return row === undefined ? null : { currency: table.currency, perMinuteMinor: row.perMinuteMinor, country: row.country };
}
