import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from '../../domain/errors.js';

export interface NormalizedNumber {
  /** E.164, e.g. +6281234567890. */
  e164: string;
  /** ISO 3166-1 alpha-2 of the number, or null when the calling code is shared and the number does not say. */
  country: string | null;
}

/**
 * Parses an international number (with or without the leading +, spaces, dashes, parentheses) and
 * checks it against the full ("max") metadata; null when it is not a valid number.
 */
export function parsePhoneNumber(input: string): NormalizedNumber | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]{4,40}$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${trimmed}`);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null };
}

/** Like `parsePhoneNumber`, but an invalid number is a 400 INVALID_PHONE_NUMBER naming the field. */
export function normalizePhoneNumber(input: string, field: string): NormalizedNumber {
  const n = parsePhoneNumber(input);
  if (!n) {
    throw new AppError('INVALID_PHONE_NUMBER', `${input.slice(0, 40)} is not a valid international phone number.`, {
      issues: [{ path: field, message: 'not a valid international phone number (E.164, e.g. +6281234567890)', code: 'invalid_phone_number' }],
    });
  }
  return n;
}
