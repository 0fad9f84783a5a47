import type { CannedAnswer } from '../api/admin-types.js';

export interface CannedItem {
  id: string;
  title: string;
  preview: string;
  body: string;
  shortcut: string | null;
  /** General (tenant-wide) and channel answers are told apart by their icon. */
  scope: 'general' | 'channel';
  channelName: string | null;
}

/**
 * The composer's blended list: the channel's answers and the general ones, filtered by what the
 * agent typed (title, body or shortcut), an exact shortcut first, then by title.
 */
export function cannedItems(answers: readonly CannedAnswer[], query: string, channelId: string | null): CannedItem[] {
  const q = query.trim().toLowerCase().replace(/^\//, '');
  const exact = (a: CannedAnswer) => q !== '' && (a.shortcut ?? '').toLowerCase() === q;
  return answers
    .filter((a) => a.scope === 'general' || a.channel_id === channelId)
    .filter((a) => !q || a.title.toLowerCase().includes(q) || a.body.toLowerCase().includes(q) || (a.shortcut ?? '').toLowerCase().includes(q))
    .sort((a, b) => Number(exact(b)) - Number(exact(a)) || a.title.localeCompare(b.title))
    .map((a) => ({
      id: a.id, title: a.title, body: a.body, shortcut: a.shortcut, scope: a.scope, channelName: a.channel_name,
      preview: a.body.length > 120 ? `${a.body.slice(0, 119)}…` : a.body,
    }));
}

/** Puts an answer into the composer at the caret (replacing a selection), returning the text and where the caret goes. */
export function insertAnswer(text: string, selection: { start: number; end: number }, body: string): { text: string; caret: number } {
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  const before = text.slice(0, start);
  const after = text.slice(end);
  const gap = before && !/\s$/.test(before) ? ' ' : '';
  const next = `${before}${gap}${body}${after}`;
  return { text: next, caret: before.length + gap.length + body.length };
}
