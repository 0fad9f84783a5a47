import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { combineWrites } from '../../../src/store/write-batch.js';

describe('combineWrites', () => {
  it('numbers each part\'s parameters after the ones before it', () => {
    const q = combineWrites([
      CompiledQuery.raw('insert into a (x, y) values ($1, $2)', [1, 2]),
      CompiledQuery.raw('update b set x = $1 where id = $2 and y = $1', ['p', 'q']),
      CompiledQuery.raw('delete from c where id in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ]);
    expect(q.sql).toBe(
      'with w0 as (insert into a (x, y) values ($1, $2)), w1 as (update b set x = $3 where id = $4 and y = $3), '
      + 'w2 as (delete from c where id in ($5, $6, $7, $8, $9, $10, $11, $12, $13, $14)) select 1',
    );
    expect(q.parameters).toEqual([1, 2, 'p', 'q', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a part whose placeholders do not match its parameters', () => {
    expect(() => combineWrites([CompiledQuery.raw('update b set x = $2', [1])])).toThrow(/parameters/);
  });
});
