import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { dictionaries, initialLocale, interpolate, locales, placeholders, saveLocale, STORAGE_KEY, type KeyValueStore } from './translate.js';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('translations', () => {
  it('every language has exactly the English keys, none empty', () => {
    const keys = Object.keys(en).sort();
    for (const l of locales) {
      expect(Object.keys(dictionaries[l]).sort(), l).toEqual(keys);
      for (const [k, v] of Object.entries(dictionaries[l])) expect(v.trim().length, `${l}:${k}`).toBeGreaterThan(0);
    }
  });

  it('every translation uses the same placeholders as English', () => {
    for (const l of locales) {
      for (const [k, v] of Object.entries(dictionaries[l])) expect(placeholders(v), `${l}:${k}`).toEqual(placeholders(en[k as keyof typeof en]));
    }
  });

  it('Bahasa Indonesia is really translated (not English copied over)', () => {
    const same = Object.entries(dictionaries.id).filter(([k, v]) => v === en[k as keyof typeof en]);
    // Names and loanwords may stay (Email, Admin, Agent, Supervisor, Offline, Wallboard, the demo greeting…), but few.
    expect(same.length / Object.keys(en).length).toBeLessThan(0.05);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Taken by {name}', { name: 'Budi' })).toBe('Taken by Budi');
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });

  it('remembers the chosen language; first visit follows the browser', () => {
    const s = memory();
    expect(initialLocale(s, ['id-ID', 'en'])).toBe('id');
    expect(initialLocale(s, ['en-US'])).toBe('en');
    saveLocale(s, 'id');
    expect(s.data.get(STORAGE_KEY)).toBe('id');
    expect(initialLocale(s, ['en-US'])).toBe('id');
    s.setItem(STORAGE_KEY, 'fr');
    expect(initialLocale(s, ['en-US'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
  });
});
