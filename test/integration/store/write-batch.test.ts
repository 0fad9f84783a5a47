import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteBatch } from '../../../src/store/write-batch.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

describe('write batch', () => {
  let tdb: TestDatabase;
  const now = new Date('2026-01-01T00:00:00Z');
  const tenant = '00000000-0000-7000-8000-0000000000a1';
  beforeAll(async () => {
    tdb = await createTestDatabase();
    await tdb.db.insertInto('tenants').values({ id: tenant, name: 'T', settings: '{}', created_at: now }).execute();
  });
  afterAll(async () => tdb.dispose());

  const timer = (key: string, due: Date) => ({ id: `00000000-0000-7000-8000-${key.padStart(12, '0')}`, tenant_id: tenant, kind: 'k', key, due_at: due, payload: '{}', created_at: now });

  it('sends several writes as one statement, each with its own parameters, all in the transaction', async () => {
    let statements = 0;
    await tdb.db.transaction().execute(async (tx) => {
      const batch = new WriteBatch();
      batch.add(tx.insertInto('timers').values(timer('1', new Date('2026-01-01T00:01:00Z'))));
      batch.add(tx.insertInto('timers').values([timer('2', new Date('2026-01-01T00:02:00Z')), timer('3', new Date('2026-01-01T00:03:00Z'))]));
      batch.add(tx.updateTable('tenants').set({ name: 'Renamed' }).where('id', '=', tenant));
      expect(batch.size).toBe(3);
      const run = tx.executeQuery.bind(tx);
      tx.executeQuery = ((q: Parameters<typeof run>[0]) => { statements++; return run(q); }) as typeof tx.executeQuery;
      await batch.flush(tx);
      expect(batch.size).toBe(0);
      await batch.flush(tx); // nothing pending: no statement
    });
    expect(statements).toBe(1);
    const rows = await tdb.db.selectFrom('timers').select(['key', 'due_at']).orderBy('key').execute();
    expect(rows.map((r) => [r.key, r.due_at.toISOString()])).toEqual([
      ['1', '2026-01-01T00:01:00.000Z'], ['2', '2026-01-01T00:02:00.000Z'], ['3', '2026-01-01T00:03:00.000Z'],
    ]);
    expect((await tdb.db.selectFrom('tenants').select('name').executeTakeFirstOrThrow()).name).toBe('Renamed');
  });

  it('a later write with the same key replaces the earlier one', async () => {
    await tdb.db.transaction().execute(async (tx) => {
      const batch = new WriteBatch();
      batch.add(tx.updateTable('tenants').set({ name: 'First' }).where('id', '=', tenant), 'tenant');
      batch.add(tx.deleteFrom('timers').where('key', '=', '1'));
      batch.add(tx.updateTable('tenants').set({ name: 'Second' }).where('id', '=', tenant), 'tenant');
      expect(batch.size).toBe(2);
      await batch.flush(tx);
    });
    expect((await tdb.db.selectFrom('tenants').select('name').executeTakeFirstOrThrow()).name).toBe('Second');
    expect((await tdb.db.selectFrom('timers').select('key').orderBy('key').execute()).map((r) => r.key)).toEqual(['2', '3']);
  });

  it('a failing part fails the whole statement and the transaction keeps nothing', async () => {
    await expect(tdb.db.transaction().execute(async (tx) => {
      const batch = new WriteBatch();
      batch.add(tx.deleteFrom('timers').where('key', '=', '2'));
      batch.add(tx.insertInto('timers').values(timer('3', now))); // same id as an existing timer
      await batch.flush(tx);
    })).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`select count(*)::int8 as n from timers`.execute(tdb.db);
    expect(rows[0]!.n).toBe(2);
  });
});
