import type { BusinessRecord, BusinessRecordHistoryEntry, BusinessRecordInput } from '../api/record-types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { formatDateTime, type TimeFormat } from './format-time.js';

/** What the business record form holds while the agent edits. */
export interface RecordDraft {
  notes: string;
  tagIds: string[];
  dispositionId: string | null;
}

export const draftOf = (r: BusinessRecord): RecordDraft => ({ notes: r.notes, tagIds: r.tags.map((t) => t.id), dispositionId: r.disposition?.id ?? null });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function isDirty(d: RecordDraft, r: BusinessRecord): boolean {
  return d.notes !== r.notes || !sameSet(d.tagIds, r.tags.map((t) => t.id)) || d.dispositionId !== (r.disposition?.id ?? null);
}

export type SaveCheck = { ok: true; input: BusinessRecordInput } | { ok: false; reason: MessageKey };

/**
 * The save request (only what changed, with the version it was based on), or why it cannot be
 * sent: a channel that makes a disposition mandatory needs one once its call needs it.
 */
export function saveRequest(d: RecordDraft, r: BusinessRecord): SaveCheck {
  if (!isDirty(d, r)) return { ok: false, reason: 'record.nothingChanged' };
  if (d.dispositionId === null && (r.disposition_pending || (r.disposition_mandatory && r.disposition !== null))) {
    return { ok: false, reason: 'record.dispositionRequired' };
  }
  if (d.notes.length > 10_000) return { ok: false, reason: 'record.notesTooLong' };
  const input: BusinessRecordInput = { expected_version: r.version };
  if (d.notes !== r.notes) input.notes = d.notes;
  if (!sameSet(d.tagIds, r.tags.map((t) => t.id))) input.tag_ids = d.tagIds;
  if (d.dispositionId !== (r.disposition?.id ?? null)) input.disposition_id = d.dispositionId;
  return { ok: true, input };
}

export const toggleTag = (d: RecordDraft, tagId: string): RecordDraft =>
  ({ ...d, tagIds: d.tagIds.includes(tagId) ? d.tagIds.filter((x) => x !== tagId) : [...d.tagIds, tagId] });

export interface HistoryItem {
  id: string;
  who: string;
  when: string;
  changes: string[];
}

const quote = (s: string, max = 80) => `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;

/** The edit history, newest first, each change in a sentence. */
export function historyItems(entries: readonly BusinessRecordHistoryEntry[], f: TimeFormat, t: Translate): HistoryItem[] {
  return [...entries].reverse().map((e) => {
    const c = e.changes;
    const lines: string[] = [];
    if (c.notes) lines.push(c.notes.from ? t('record.history.notes', { from: quote(c.notes.from), to: quote(c.notes.to) }) : t('record.history.notesAdded', { to: quote(c.notes.to) }));
    if (c.tags?.added.length) lines.push(t('record.history.tagsAdded', { tags: c.tags.added.map((x) => x.name).join(', ') }));
    if (c.tags?.removed.length) lines.push(t('record.history.tagsRemoved', { tags: c.tags.removed.map((x) => x.name).join(', ') }));
    if (c.disposition) {
      lines.push(t('record.history.disposition', { from: c.disposition.from?.name ?? t('record.none'), to: c.disposition.to?.name ?? t('record.none') }));
    }
    return { id: e.id, who: e.user_name ?? t('record.someone'), when: formatDateTime(e.at, f), changes: lines };
  });
}
