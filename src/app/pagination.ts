import { z } from 'zod';

/** Query parameters every list takes. The cursor is the last id seen (ids are time-ordered). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().uuid().optional(),
};

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Call with `limit + 1` rows fetched in id order; trims and sets the cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next_cursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
