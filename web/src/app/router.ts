import { useSyncExternalStore } from 'react';
import { createStore } from '../state/create-store.js';
import { matchRoute, type Route } from '../viewmodels/routes.js';

const pathStore = createStore<string>(typeof location === 'undefined' ? '/' : location.pathname);
if (typeof window !== 'undefined') window.addEventListener('popstate', () => pathStore.set(location.pathname));

/** Goes to a path inside the app without reloading. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  pathStore.set(path);
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const path = useSyncExternalStore(pathStore.subscribe, pathStore.get);
  return matchRoute(path);
}
