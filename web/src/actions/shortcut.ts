/** A keyboard shortcut such as `Alt+Shift+A` or `Mod+K` (Mod = Ctrl, or ⌘ on a Mac). */
export interface Shortcut {
  key: string;
  alt: boolean;
  shift: boolean;
  mod: boolean;
}

/** The fields of a KeyboardEvent the matcher reads. */
export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function parseShortcut(text: string): Shortcut {
  const parts = text.split('+').map((p) => p.trim());
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { key: key.length === 1 ? key.toUpperCase() : key, alt: mods.has('alt'), shift: mods.has('shift'), mod: mods.has('mod') };
}

/** The key a physical key stands for, independent of Alt/Shift producing other characters (⌥A = å on a Mac). */
function baseKey(e: KeyLike): string {
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3);
  if (/^Digit[0-9]$/.test(e.code)) return e.code.slice(5);
  return e.key.length === 1 ? e.key.toUpperCase() : e.key;
}

export function matchesShortcut(s: Shortcut, e: KeyLike, isMac: boolean): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const otherMod = isMac ? e.ctrlKey : e.metaKey;
  return baseKey(e) === s.key && e.altKey === s.alt && e.shiftKey === s.shift && mod === s.mod && !otherMod;
}

/** "Alt+Shift+A" on Windows/Linux, "⌥⇧A" on a Mac. */
export function formatShortcut(s: Shortcut, isMac: boolean): string {
  if (isMac) return `${s.mod ? '⌘' : ''}${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.key}`;
  return [s.mod ? 'Ctrl' : null, s.alt ? 'Alt' : null, s.shift ? 'Shift' : null, s.key].filter(Boolean).join('+');
}

/** Typing in a field keeps plain keys; only combinations with Alt or Mod act there. */
export const usableWhileTyping = (s: Shortcut): boolean => s.alt || s.mod;
