import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, pgliteDatabase } from '../../src/store/database.js';
import { migrate, migrationFiles } from '../../src/store/migrate.js';
import { adminUrl, testDbKind } from './db-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

/**
 * Migrates one template database per run; every test file clones it (PGlite: a data-dir dump loaded
 * into a fresh instance; PostgreSQL: CREATE DATABASE ... TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const files = migrationFiles();
  const hash = crypto.createHash('sha256').update(files.map((f) => f.name + f.sql).join('\0')).digest('hex').slice(0, 16);
  if (testDbKind() === 'postgres') {
    const name = `sb_template_${hash}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      // Migrate under a temporary name and rename when done, so a run that dies half-way leaves no broken template.
      const building = `${name}_${process.pid}`;
      await admin.query(`create database ${building}`);
      const url = new URL(adminUrl());
      url.pathname = `/${building}`;
      const { postgresDatabase } = await import('../../src/store/database.js');
      const db = postgresDatabase(url.toString(), 2);
      await migrate(db.db);
      await db.close();
      await admin.query(`alter database ${building} rename to ${name}`).catch(async (e) => {
        // Another run got there first: use theirs.
        await admin.query(`drop database if exists ${building}`);
        if (!String(e?.message).includes('already exists')) throw e;
      });
    }
    await admin.end();
    project.provide('dbTemplate', name);
    return async () => {};
  }
  const dir = path.resolve('.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${hash}.tar`);
  if (!fs.existsSync(file)) {
    const client = await openPglite();
    const db = pgliteDatabase(client);
    await migrate(db.db);
    const dump = await client.dumpDataDir('none');
    fs.writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.part`, file);
    await db.close();
  }
  project.provide('dbTemplate', file);
  return async () => {};
}
