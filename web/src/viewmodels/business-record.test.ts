import { describe, expect, it } from 'vitest';
import type { BusinessRecord } from '../api/record-types.js';
import { createTranslate } from '../i18n/translate.js';
import { iso, t, T0 } from '../testing/fixtures.js';
import { draftOf, historyItems, isDirty, saveRequest, toggleTag } from './business-record.js';

const record = (over: Partial<BusinessRecord> = {}): BusinessRecord => ({
  call_id: 'c1', channel_id: 'ch', agent_id: 'a1', notes: 'Asked about the invoice', tags: [{ id: 't1', name: 'Billing' }], disposition: null,
  disposition_mandatory: false, disposition_pending: false, version: 3, updated_at: iso(T0), updated_by: { id: 'a1', name: 'Agus' }, ...over,
});

describe('business record form', () => {
  it('sends only what changed, with the version it was based on', () => {
    const r = record();
    let d = draftOf(r);
    expect(isDirty(d, r)).toBe(false);
    expect(saveRequest(d, r)).toEqual({ ok: false, reason: 'record.nothingChanged' });
    d = toggleTag({ ...d, dispositionId: 'd1' }, 't2');
    expect(saveRequest(d, r)).toEqual({ ok: true, input: { expected_version: 3, tag_ids: ['t1', 't2'], disposition_id: 'd1' } });
    d = toggleTag(d, 't1');
    expect(saveRequest({ ...d, notes: 'Invoice resent' }, r)).toEqual({ ok: true, input: { expected_version: 3, notes: 'Invoice resent', tag_ids: ['t2'], disposition_id: 'd1' } });
  });

  it('tag order alone is no change', () => {
    const r = record({ tags: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] });
    expect(isDirty({ ...draftOf(r), tagIds: ['b', 'a'] }, r)).toBe(false);
  });

  it('a mandatory disposition cannot be left out or cleared', () => {
    const pending = record({ disposition_mandatory: true, disposition_pending: true });
    expect(saveRequest({ ...draftOf(pending), notes: 'x' }, pending)).toEqual({ ok: false, reason: 'record.dispositionRequired' });
    expect(saveRequest({ ...draftOf(pending), dispositionId: 'd1' }, pending).ok).toBe(true);
    const set = record({ disposition_mandatory: true, disposition: { id: 'd1', name: 'Solved' } });
    expect(saveRequest({ ...draftOf(set), dispositionId: null }, set)).toEqual({ ok: false, reason: 'record.dispositionRequired' });
    // A channel without the rule lets the agent clear it.
    const free = record({ disposition: { id: 'd1', name: 'Solved' } });
    expect(saveRequest({ ...draftOf(free), dispositionId: null }, free)).toEqual({ ok: true, input: { expected_version: 3, disposition_id: null } });
  });

  it('tells the history newest first, one sentence per change', () => {
    const items = historyItems([
      { id: 'h1', at: iso(T0), user_id: 'a1', user_name: 'Agus', changes: { notes: { from: '', to: 'First note' }, tags: { added: [{ id: 't1', name: 'Billing' }], removed: [] } } },
      { id: 'h2', at: iso(T0 + 60_000), user_id: null, user_name: null, changes: { disposition: { from: null, to: { id: 'd', name: 'Solved' } }, tags: { added: [], removed: [{ id: 't1', name: 'Billing' }] } } },
    ], { timeZone: 'Asia/Jakarta', locale: 'en-GB' }, t);
    expect(items).toEqual([
      { id: 'h2', who: 'Someone', when: '2 Mar 2026, 10:01', changes: ['Tags removed: Billing', 'Disposition: none → Solved'] },
      { id: 'h1', who: 'Agus', when: '2 Mar 2026, 10:00', changes: ['Notes written: “First note”', 'Tags added: Billing'] },
    ]);
    const id = historyItems([{ id: 'h', at: iso(T0), user_id: null, user_name: 'Budi', changes: { notes: { from: 'a', to: 'b' } } }], { timeZone: 'UTC', locale: 'id-ID' }, createTranslate('id'));
    expect(id[0]!.changes).toEqual(['Catatan diubah dari “a” menjadi “b”']);
  });
});
