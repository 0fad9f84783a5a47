import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, pgliteDatabase, postgresDatabase, type Database } from '../../src/store/database.js';
import { adminUrl, testDbKind } from './db-config.js';

export interface TestDatabase extends Database {
  /** A URL another process can open (PostgreSQL only). */
  url?: string;
  /** Drops the clone (PostgreSQL) after closing. */
  dispose(): Promise<void>;
}

/** A clean, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('dbTemplate');
  if (testDbKind() === 'postgres') {
    const name = `sb_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    const db = postgresDatabase(url.toString(), 10);
    return {
      ...db,
      url: url.toString(),
      async dispose() {
        await db.close();
        const a = new pg.Client({ connectionString: adminUrl() });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(template)]);
  const client = await openPglite({ loadDataDir: blob });
  const db = pgliteDatabase(client);
  return { ...db, dispose: () => db.close() };
}
