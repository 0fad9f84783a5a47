import type { Translate } from '../i18n/translate.js';
import { labelOf, type ActionContext, type DeskAction } from './action.js';
import { callActions } from './call-actions.js';
import { generalActions, navigationActions } from './general-actions.js';
import { matchesShortcut, parseShortcut, usableWhileTyping, type KeyLike } from './shortcut.js';

/** Every action of the desk, in palette order. */
export const allActions: readonly DeskAction[] = [...callActions, ...navigationActions, ...generalActions];

export function findAction(id: string, actions: readonly DeskAction[] = allActions): DeskAction {
  const a = actions.find((x) => x.id === id);
  if (!a) throw new Error(`unknown action ${id}`);
  return a;
}

/** The action a key press runs now, if any. `typing`: focus is in a text field. */
export function actionForKey(e: KeyLike, ctx: ActionContext, opts: { isMac: boolean; typing: boolean }, actions: readonly DeskAction[] = allActions): DeskAction | null {
  for (const a of actions) {
    if (!a.shortcut) continue;
    const s = parseShortcut(a.shortcut);
    if (opts.typing && !usableWhileTyping(s)) continue;
    if (matchesShortcut(s, e, opts.isMac) && a.available(ctx)) return a;
  }
  return null;
}

export interface PaletteItem {
  action: DeskAction;
  label: string;
  shortcut: string | null;
}

const normalize = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Does every word of the query start a word of the label (or appear in it)? */
export function matchesQuery(label: string, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  const hay = normalize(label);
  return words.every((w) => hay.includes(w));
}

/** The palette's list for a query: available actions whose label matches, call actions first. */
export function paletteItems(ctx: ActionContext, query: string, t: Translate, actions: readonly DeskAction[] = allActions): PaletteItem[] {
  const order = { call: 0, navigate: 1, general: 2 } as const;
  return actions
    .filter((a) => a.id !== 'palette.open' && a.available(ctx))
    .map((a) => ({ action: a, label: t(labelOf(a, ctx)), shortcut: a.shortcut }))
    .filter((i) => matchesQuery(i.label, query))
    .sort((a, b) => order[a.action.category] - order[b.action.category]);
}
