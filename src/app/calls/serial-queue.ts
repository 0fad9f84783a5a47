/** Runs tasks one after another per key (a call's provider and media steps must not interleave). */
export function createSerialQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.catch(() => undefined).then(task);
      tails.set(key, next);
      next.finally(() => {
        if (tails.get(key) === next) tails.delete(key);
      }).catch(() => undefined);
      return next;
    },
    size: () => tails.size,
  };
}
