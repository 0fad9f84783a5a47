import { expect } from 'vitest';

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Asserts the one error envelope with this status and code; returns the error for further checks. */
export function expectError(res: Answer, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  return res.body.error as { code: string; message: string; details: Record<string, unknown> | null };
}

/** The field paths a VALIDATION_FAILED (or INVALID_PHONE_NUMBER) answer names. */
export const issuePaths = (res: Answer): string[] => ((res.body.error?.details?.issues ?? []) as { path: string }[]).map((i) => i.path);
