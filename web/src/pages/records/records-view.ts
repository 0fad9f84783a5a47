import { createStore } from '../../state/create-store.js';
import { newRow, type SearchRow } from '../../viewmodels/advanced-search.js';
import { emptyFilters, type RecordFilters } from '../../viewmodels/call-records.js';

/** The records page's filters and search, kept while the user opens a record and comes back. */
export interface RecordsView {
  filters: RecordFilters;
  advancedOpen: boolean;
  rows: SearchRow[];
  match: 'all' | 'any';
  /** The search last run (null: the filters apply). */
  applied: { rows: SearchRow[]; match: 'all' | 'any' } | null;
  nextRowId: number;
}

export const recordsView = createStore<RecordsView>({
  filters: emptyFilters, advancedOpen: false, rows: [newRow(1)], match: 'all', applied: null, nextRowId: 2,
});

export const patchRecordsView = (patch: Partial<RecordsView>): void => recordsView.set((v) => ({ ...v, ...patch }));
