import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { createStore } from '../state/create-store.js';
import { createTranslate, initialLocale, localeTags, saveLocale, type Locale, type Translate } from './translate.js';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** The chosen language, persisted in this browser. */
export const localeStore = createStore<Locale>(initialLocale(storage(), typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]));
localeStore.subscribe(() => {
  saveLocale(storage(), localeStore.get());
  document.documentElement.lang = localeStore.get();
});

export interface I18n {
  locale: Locale;
  /** BCP 47 tag for dates and numbers. */
  tag: string;
  t: Translate;
  setLocale(l: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useSyncExternalStore(localeStore.subscribe, localeStore.get);
  const value = useMemo<I18n>(() => ({ locale, tag: localeTags[locale], t: createTranslate(locale), setLocale: (l) => localeStore.set(l) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
