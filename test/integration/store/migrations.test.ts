import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

describe('store', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => tdb.dispose());

  it('starts from the migrated template and re-running migrations applies nothing', async () => {
    const applied = await migrate(tdb.db);
    expect(applied).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int8 as n from schema_migrations`.execute(tdb.db);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('reads bigint as number and rolls back a failed transaction whole', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    await expect(
      tdb.db.transaction().execute(async (tx) => {
        await tx.insertInto('tenants').values({ id: '00000000-0000-7000-8000-000000000001', name: 'T', settings: '{}', created_at: now }).execute();
        await tx.insertInto('tenants').values({ id: '00000000-0000-7000-8000-000000000001', name: 'dup', settings: '{}', created_at: now }).execute();
      }),
    ).rejects.toThrow();
    const count = await tdb.db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
    expect(typeof count.n).toBe('number');
  });
});
