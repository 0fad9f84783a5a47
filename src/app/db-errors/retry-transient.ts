/**
 * PostgreSQL ends one transaction of a deadlock (40P01) or a serialization conflict (40001) so the
 * others can go on; the loser is meant to be run again. Transactions here defer every side effect
 * (desk events, provider calls, media) until after commit, so running one again is safe.
 */
const TRANSIENT = new Set(['40P01', '40001']);

export const isTransientConflict = (e: unknown): boolean => TRANSIENT.has(String((e as { code?: unknown } | null)?.code ?? ''));

export async function retryTransient<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isTransientConflict(err)) throw err;
      // A short, growing, jittered pause so the two sides do not collide again in step.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10 * i) + 2));
    }
  }
}
