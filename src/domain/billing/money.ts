import { z } from 'zod';

/** ISO 4217 code. Amounts are integers in the currency's minor units, never floats. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');
export const minorUnitsSchema = z.number().int().refine(Number.isSafeInteger, 'a safe integer');

export interface Balance {
  currency: string;
  amountMinor: number;
}

/** Amounts outside the safe-integer range are a bug, not a business outcome. */
export function assertMinorUnits(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer of minor units, got ${value}`);
  return value;
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is out of the safe-integer range: ${value}`);
  }
  return Number(value);
}
