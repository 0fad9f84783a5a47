import type { ErrorCode } from '../errors.js';

/** A refused check: a distinct code, a message for people, details for programs. */
export interface Refusal<C extends ErrorCode = ErrorCode> {
  ok: false;
  code: C;
  message: string;
  details: Record<string, unknown>;
}

export const refuse = <C extends ErrorCode>(code: C, message: string, details: Record<string, unknown> = {}): Refusal<C> =>
  ({ ok: false, code, message, details });

/** Runs checks in order and returns the first refusal, or null when all pass. */
export function firstRefusal<C extends ErrorCode>(checks: ReadonlyArray<() => Refusal<C> | null>): Refusal<C> | null {
  for (const check of checks) {
    const refusal = check();
    if (refusal !== null) return refusal;
  }
  return null;
}
