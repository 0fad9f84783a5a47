import crypto from 'node:crypto';
import type { Contact } from './webhook-schema.js';

/** Small conversions shared by the webhook parsers. */

/** Meta's timestamps are seconds. */
export const at = (seconds: number): Date => new Date(seconds * 1000);

/** A stable short digest of a JSON value, for event keys of payloads that carry no id. */
export const hash = (v: unknown): string => crypto.createHash('sha256').update(JSON.stringify(v) ?? 'undefined').digest('hex').slice(0, 24);

/** Meta sends phone numbers as digits; we keep E.164 with the plus. */
export const plus = (n: string | undefined | null): string | null => {
  const d = (n ?? '').replace(/[^\d]/g, '');
  return d ? `+${d}` : null;
};

export const digits = (n: string | undefined | null): string | null => {
  const d = (n ?? '').replace(/[^\d]/g, '');
  return d || null;
};

/** Finds the profile name of a customer by phone (wa_id) or BSUID (user_id). */
export type ContactLookup = (phone: string | null, userId: string | null) => string | null;

export function contactLookup(contacts: Contact[] | undefined): ContactLookup {
  const list = contacts ?? [];
  return (phone, userId) => {
    const d = digits(phone);
    const hit = list.find((c) => (d !== null && digits(c.wa_id) === d) || (userId !== null && c.user_id === userId));
    const only = list.length === 1 ? list[0] : undefined;
    return (hit ?? only)?.profile?.name ?? null;
  };
}

/**
 * An expiry as Meta may send it: epoch seconds, epoch milliseconds, either as a string, or an
 * ISO-8601 date. Anything else is null (never an Invalid Date).
 */
export function expiryOf(v: string | number | undefined | null): Date | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || /^\d+$/.test(v)) {
    const n = Number(v);
    const d = new Date(n < 1e12 ? n * 1000 : n);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
