import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant shared by all instances: it serialises concurrent start-ups on one PostgreSQL.
const MIGRATION_LOCK = 727_001;

export interface MigrationFile {
  name: string;
  sql: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Applies every migration not yet applied, each in its own transaction. Returns the names applied. */
export async function migrate<T>(db: Kysely<T>, files = migrationFiles()): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name),
      );
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) continue;
        await sql.raw('begin').execute(conn);
        try {
          await sql.raw(file.sql).execute(conn);
          await sql`insert into schema_migrations (name) values (${file.name})`.execute(conn);
          await sql.raw('commit').execute(conn);
        } catch (e) {
          await sql.raw('rollback').execute(conn);
          throw new Error(`migration ${file.name} failed: ${(e as Error).message}`, { cause: e });
        }
        applied.push(file.name);
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
