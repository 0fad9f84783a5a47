import { z } from 'zod';

export { idParams, name } from './common.js';

/** An ordered list of distinct ids (members: the order is meaningful). */
export const uniqueIds = (max: number) =>
  z.array(z.uuid()).max(max).refine((ids) => new Set(ids).size === ids.length, 'ids must be unique');

/** A phone number as typed by a person; the service parses and normalises it to E.164. */
export const phoneInput = z.string().trim().min(1).max(40);

/** Free text that may be cleared with null. */
export const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/** ISO 3166-1 alpha-2, upper-cased. */
export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code');
