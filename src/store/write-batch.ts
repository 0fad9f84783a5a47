import { CompiledQuery, type Compilable } from 'kysely';

/** Anything that runs a compiled query: a Kysely instance or a transaction. */
export interface QueryRunner {
  executeQuery(query: CompiledQuery): Promise<unknown>;
}

/**
 * Writes whose results nobody reads before the transaction ends, sent together: one statement of
 * data-modifying CTEs instead of one round trip each. PostgreSQL runs every part of that statement
 * on one snapshot, so the writes of one batch must touch different rows (a later write with the same
 * `key` replaces the earlier one: a timer scheduled and then cancelled is one delete).
 */
export class WriteBatch {
  readonly #writes = new Map<string, CompiledQuery>();
  #seq = 0;

  add(query: Compilable, key?: string): void {
    const k = key ?? `#${this.#seq++}`;
    this.#writes.delete(k);
    this.#writes.set(k, query.compile());
  }

  get size(): number {
    return this.#writes.size;
  }

  /** Sends what is pending (nothing when empty) and empties the batch. */
  async flush(db: QueryRunner): Promise<void> {
    const queries = [...this.#writes.values()];
    this.#writes.clear();
    if (queries.length === 0) return;
    await db.executeQuery(queries.length === 1 ? queries[0]! : combineWrites(queries));
  }
}

/**
 * `with w0 as (<write>), w1 as (<write>) select 1`, the parameters of each part renumbered after
 * the ones before it. Kysely puts every value in a parameter, so `$n` appears nowhere else.
 */
export function combineWrites(queries: readonly CompiledQuery[]): CompiledQuery {
  const parameters: unknown[] = [];
  const parts = queries.map((q, i) => {
    const offset = parameters.length;
    let highest = 0;
    const text = q.sql.replace(/\$(\d+)/g, (_, n: string) => {
      highest = Math.max(highest, Number(n));
      return `$${Number(n) + offset}`;
    });
    if (highest !== q.parameters.length) throw new Error(`write ${i} has ${q.parameters.length} parameters but refers to $${highest}`);
    parameters.push(...q.parameters);
    return `w${i} as (${text})`;
  });
  return CompiledQuery.raw(`with ${parts.join(', ')} select 1`, parameters);
}
