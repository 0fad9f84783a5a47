import { en, type MessageKey } from './en.js';
import { id } from './id.js';

export type { MessageKey } from './en.js';
export type Locale = 'en' | 'id';
export const locales: readonly Locale[] = ['en', 'id'];
export const localeNames: Record<Locale, string> = { en: 'English', id: 'Bahasa Indonesia' };
/** BCP 47 tags used for dates and numbers. */
export const localeTags: Record<Locale, string> = { en: 'en-GB', id: 'id-ID' };

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, id };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function createTranslate(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => interpolate(dict[key] ?? en[key] ?? key, vars);
}

/** Placeholder names used in a message, sorted (tests compare them across languages). */
export const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

export const STORAGE_KEY = 'switchboard.locale';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The saved choice, else the browser's language when it is Indonesian, else English. */
export function initialLocale(storage: KeyValueStore | null, browserLanguages: readonly string[]): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'id') return saved;
  return browserLanguages.some((l) => l.toLowerCase().startsWith('id') || l.toLowerCase().startsWith('in')) ? 'id' : 'en';
}

export function saveLocale(storage: KeyValueStore | null, locale: Locale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // storage full or disabled: the choice lasts for this tab only
  }
}
