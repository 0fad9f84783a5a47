import { z } from 'zod';

export { idParams } from './common.js';

/**
 * Text a person typed. PostgreSQL text cannot hold U+0000, so it is refused here (400 naming the
 * field) instead of failing in the database.
 */
export const text = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** A display name. */
export const name = text(1, 200);

/** A secret or token as given (not trimmed: it is compared byte for byte). */
export const secret = (max: number) => z.string().min(1).max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** An ordered list of distinct ids (members: the order is meaningful). */
export const uniqueIds = (max: number) =>
  z.array(z.uuid()).max(max).refine((ids) => new Set(ids).size === ids.length, 'ids must be unique');

/** A phone number as typed by a person; the service parses and normalises it to E.164. */
export const phoneInput = text(1, 40);

/** Free text that may be cleared with null. */
export const optionalText = (max: number) => text(1, max).nullable().optional();

/** ISO 3166-1 alpha-2, upper-cased. */
export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code');
