/** A tiny external store (read with React's useSyncExternalStore through `useStore`). */
export interface Store<S> {
  get(): S;
  set(next: S | ((prev: S) => S)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (prev: S) => S)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A store moved only by a pure reducer. */
export interface ReducerStore<S, E> extends Store<S> {
  dispatch(event: E): void;
}

export function createReducerStore<S, E>(initial: S, reducer: (s: S, e: E) => S): ReducerStore<S, E> {
  const store = createStore(initial);
  return { ...store, dispatch: (e) => store.set((s) => reducer(s, e)) };
}
