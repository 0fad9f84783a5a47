import type { BusinessRecordChanges, NamedRef } from '../../store/schema/index.js';

export interface RecordContent {
  notes: string;
  tags: NamedRef[];
  disposition: NamedRef | null;
}

/** What changed between two versions of a business record; null when nothing did. Pure. */
export function diffRecord(before: RecordContent, after: RecordContent): BusinessRecordChanges | null {
  const changes: BusinessRecordChanges = {};
  if (before.notes !== after.notes) changes.notes = { from: before.notes, to: after.notes };
  const had = new Set(before.tags.map((t) => t.id));
  const has = new Set(after.tags.map((t) => t.id));
  const added = after.tags.filter((t) => !had.has(t.id));
  const removed = before.tags.filter((t) => !has.has(t.id));
  if (added.length > 0 || removed.length > 0) changes.tags = { added, removed };
  if ((before.disposition?.id ?? null) !== (after.disposition?.id ?? null)) changes.disposition = { from: before.disposition, to: after.disposition };
  return Object.keys(changes).length > 0 ? changes : null;
}
