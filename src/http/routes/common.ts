import { z } from 'zod';

export const idParams = z.strictObject({ id: z.string().uuid() });
export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(8).max(200);
export const name = z.string().trim().min(1).max(200);
export const locale = z.enum(['en', 'id']);
export const timeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');
export const ok = z.object({ ok: z.literal(true) });
