import type { Result } from '../errors.js';
import { countryOfNumber } from './country-of-number.js';

/** The tenant's number lists. A non-empty allow list means only those numbers may be called. */
export interface NumberLists {
  doNotCall: readonly string[];
  deny: readonly string[];
  allow: readonly string[];
}

export const emptyNumberLists: NumberLists = { doNotCall: [], deny: [], allow: [] };

/** Checks a number against the do-not-call list, then the deny list, then the allow list (numbers compared in E.164). */
export function checkNumberLists(number: string, lists: NumberLists): Result<undefined, 'DO_NOT_CALL' | 'DENY_LISTED'> {
  const target = canonical(number);
  const has = (list: readonly string[]) => list.some((n) => canonical(n) === target);
  if (has(lists.doNotCall)) {
    return { ok: false, code: 'DO_NOT_CALL', message: 'The number is on the do-not-call list.', details: { number: target } };
  }
  if (has(lists.deny)) {
    return { ok: false, code: 'DENY_LISTED', message: 'The number is on the deny list.', details: { number: target, list: 'deny' } };
  }
  if (lists.allow.length > 0 && !has(lists.allow)) {
    return { ok: false, code: 'DENY_LISTED', message: 'The number is not on the allow list.', details: { number: target, list: 'allow' } };
  }
  return { ok: true, value: undefined };
}

function canonical(number: string): string {
  return countryOfNumber(number)?.e164 ?? `+${number.replace(/\D/g, '')}`;
}
