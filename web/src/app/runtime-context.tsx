import { createContext, useContext, useEffect, useState } from 'react';
import type { Store } from '../state/create-store.js';
import { useStore } from '../state/use-store.js';
import { formatDateTime, resolveTimeZone, type TimeFormat } from '../viewmodels/format-time.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { DeskRuntime } from './desk-runtime.js';

export const RuntimeContext = createContext<DeskRuntime | null>(null);

export function useRuntime(): DeskRuntime {
  const r = useContext(RuntimeContext);
  if (!r) throw new Error('useRuntime outside a signed-in desk');
  return r;
}

/** A runtime store's value (re-renders when it changes). */
export const useRuntimeStore = <S, T = S>(pick: (r: DeskRuntime) => Store<S>, select?: (s: S) => T): T => useStore(pick(useRuntime()), select);

/** Dates in the user's time zone (their profile's, else the browser's) and language. */
export function useTimeFormat(): TimeFormat & { dateTime: (iso: string) => string } {
  const { tag } = useI18n();
  const zone = useRuntimeStore((r) => r.user, (u) => u.time_zone);
  const timeZone = resolveTimeZone(zone, Intl.DateTimeFormat().resolvedOptions().timeZone);
  const f = { timeZone, locale: tag };
  return { ...f, dateTime: (iso: string) => formatDateTime(iso, f) };
}

/** The current time, refreshed every `ms` (countdowns and call timers). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
