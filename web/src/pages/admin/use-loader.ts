import { useCallback, useEffect, useState } from 'react';
import { useExplain } from '../../app/use-explain.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';

export interface Loader<T> {
  data: T | null;
  refusal: RefusalMessage | null;
  reload: () => Promise<void>;
  set: (next: T | ((prev: T | null) => T)) => void;
  clearRefusal: () => void;
}

/** Loads a resource for an admin section, with reload and the refusal explained when it fails. */
export function useLoader<T>(load: () => Promise<T>, deps: readonly unknown[]): Loader<T> {
  const explain = useExplain();
  const [data, setData] = useState<T | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setRefusal(null);
    } catch (e) {
      setRefusal(await explain(e));
    }
  }, [run, explain]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, refusal, reload, set: (next) => setData((prev) => (typeof next === 'function' ? (next as (p: T | null) => T)(prev) : next)), clearRefusal: () => setRefusal(null) };
}
