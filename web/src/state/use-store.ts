import { useSyncExternalStore } from 'react';
import type { Store } from './create-store.js';

/** Subscribes a component to a store; pass a selector returning stable values to re-render less. */
export function useStore<S, T = S>(store: Store<S>, select: (s: S) => T = (s) => s as unknown as T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()), () => select(store.get()));
}
