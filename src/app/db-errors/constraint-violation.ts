/** PostgreSQL error fields both drivers (pg and PGlite) expose. */
interface PgError {
  code?: string;
  constraint?: string;
}

/** The name of the unique index a write violated, or null when the error is something else. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as PgError | null;
  return err?.code === '23505' ? (err.constraint ?? '') : null;
}

/** True when a write or delete broke a foreign key (e.g. deleting a row other rows still reference). */
export const isForeignKeyViolation = (e: unknown): boolean => (e as PgError | null)?.code === '23503';
