import type { ColumnType } from 'kysely';

/** A jsonb column: read as T, written as a JSON string (see `json()`), so arrays are never mistaken for SQL arrays. */
export type Json<T> = ColumnType<T, string, string>;
export type JsonNullable<T> = ColumnType<T | null, string | null | undefined, string | null>;

export const json = (value: unknown): string => JSON.stringify(value);
