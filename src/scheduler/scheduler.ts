import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { DB } from '../store/schema/index.js';
import { json } from '../store/schema/index.js';

export interface TimerRow {
  id: string;
  tenantId: string | null;
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

export type TimerHandler = (timer: TimerRow) => Promise<void>;

export interface TimerSpec {
  kind: string;
  /** Unique per kind: scheduling the same key again moves the timer instead of adding one. */
  key: string;
  dueAt: Date;
  tenantId?: string | null;
  payload?: Record<string, unknown>;
}

type Db = Kysely<DB> | Transaction<DB>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Durable timers in PostgreSQL. A due timer is leased (FOR UPDATE SKIP LOCKED), its handler runs,
 * then the row is deleted; an instance that dies mid-handler lets the lease lapse and another
 * instance runs it. Handlers re-check state under their own row locks, so a repeat is harmless.
 */
export function createScheduler(deps: { db: Kysely<DB>; clock: Clock; ids: IdGenerator; log: Logger; pollMs: number }) {
  const { db, clock, ids, log } = deps;
  const handlers = new Map<string, TimerHandler>();
  let interval: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function schedule(tx: Db, spec: TimerSpec): Promise<void> {
    await tx
      .insertInto('timers')
      .values({
        id: ids.next(),
        tenant_id: spec.tenantId ?? null,
        kind: spec.kind,
        key: spec.key,
        due_at: spec.dueAt,
        payload: json(spec.payload ?? {}),
        created_at: clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'key']).doUpdateSet({ due_at: spec.dueAt, payload: json(spec.payload ?? {}), attempts: 0, locked_until: null, last_error: null }),
      )
      .execute();
  }

  async function cancel(tx: Db, kind: string, key: string): Promise<void> {
    await tx.deleteFrom('timers').where('kind', '=', kind).where('key', '=', key).execute();
  }

  /** Cancels several kinds of timer of one key in one statement. */
  async function cancelAll(tx: Db, kinds: readonly string[], key: string): Promise<void> {
    if (kinds.length === 0) return;
    await tx.deleteFrom('timers').where('key', '=', key).where('kind', 'in', [...kinds]).execute();
  }

  /** One upsert of several timers (distinct kind and key), to run later or batched with other writes. */
  function schedulesQuery(tx: Db, specs: readonly TimerSpec[]) {
    const now = clock.now();
    return tx
      .insertInto('timers')
      .values(specs.map((spec) => ({
        id: ids.next(), tenant_id: spec.tenantId ?? null, kind: spec.kind, key: spec.key, due_at: spec.dueAt, payload: json(spec.payload ?? {}), created_at: now,
      })))
      .onConflict((oc) =>
        oc.columns(['kind', 'key']).doUpdateSet((eb) => ({
          due_at: eb.ref('excluded.due_at'), payload: eb.ref('excluded.payload'), attempts: 0, locked_until: null, last_error: null,
        })),
      );
  }

  /** One delete of several timers by kind and key. */
  function cancelsQuery(tx: Db, timers: readonly { kind: string; key: string }[]) {
    return tx.deleteFrom('timers').where((eb) => eb.or(timers.map((t) => eb.and([eb('kind', '=', t.kind), eb('key', '=', t.key)]))));
  }

  async function claim(limit: number): Promise<TimerRow[]> {
    const now = clock.now();
    return db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('timers')
        .selectAll()
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .orderBy('due_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return [];
      await tx
        .updateTable('timers')
        .set((eb) => ({ locked_until: new Date(now.getTime() + LEASE_MS), attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', rows.map((r) => r.id))
        .execute();
      return rows.map((r) => ({
        id: r.id, tenantId: r.tenant_id, kind: r.kind, key: r.key, dueAt: r.due_at, payload: r.payload, attempts: r.attempts + 1,
      }));
    });
  }

  async function runOne(t: TimerRow): Promise<void> {
    const handler = handlers.get(t.kind);
    try {
      if (!handler) throw new Error(`no handler for timer kind ${t.kind}`);
      await handler(t);
      // Delete only this lease: if the handler rescheduled the same key, the new row stays.
      await db.deleteFrom('timers').where('id', '=', t.id).where('due_at', '=', t.dueAt).execute();
    } catch (err) {
      log.error({ err, timer: t.kind, key: t.key, attempts: t.attempts }, 'timer handler failed');
      if (t.attempts >= MAX_ATTEMPTS) {
        await db.deleteFrom('timers').where('id', '=', t.id).execute();
      } else {
        const retryAt = new Date(clock.now().getTime() + 1000 * 2 ** t.attempts);
        await db
          .updateTable('timers')
          .set({ due_at: retryAt, locked_until: null, last_error: String((err as Error)?.message ?? err).slice(0, 500) })
          .where('id', '=', t.id)
          .where('due_at', '=', t.dueAt)
          .execute();
      }
    }
  }

  /** Runs every timer due now (by the injected clock). Returns how many ran. Tests call this after advancing the clock. */
  async function runDue(): Promise<number> {
    if (running) await running.catch(() => 0);
    const work = (async () => {
      let total = 0;
      for (;;) {
        const batch = await claim(50);
        if (batch.length === 0) return total;
        for (const t of batch) await runOne(t);
        total += batch.length;
      }
    })();
    running = work;
    try {
      return await work;
    } finally {
      if (running === work) running = null;
    }
  }

  return {
    register(kind: string, handler: TimerHandler) {
      handlers.set(kind, handler);
    },
    schedule,
    cancel,
    cancelAll,
    schedulesQuery,
    cancelsQuery,
    runDue,
    async next(kind: string, key: string): Promise<Date | null> {
      const row = await db.selectFrom('timers').select('due_at').where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
      return row?.due_at ?? null;
    },
    start() {
      if (interval) return;
      interval = setInterval(() => {
        runDue().catch((err) => log.error({ err }, 'scheduler poll failed'));
      }, deps.pollMs);
      interval.unref();
    },
    async stop() {
      if (interval) clearInterval(interval);
      interval = null;
      if (running) await running.catch(() => 0);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
