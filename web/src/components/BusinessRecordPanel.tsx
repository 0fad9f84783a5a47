import { useCallback, useEffect, useState } from 'react';
import type { Disposition, Tag } from '../api/admin-types.js';
import { isApiError } from '../api/api-error.js';
import type { BusinessRecord, BusinessRecordHistoryEntry } from '../api/record-types.js';
import { useRuntime, useTimeFormat } from '../app/runtime-context.js';
import { useExplain } from '../app/use-explain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { draftOf, historyItems, isDirty, saveRequest, toggleTag, type RecordDraft } from '../viewmodels/business-record.js';
import type { RefusalMessage } from '../viewmodels/refusal-message.js';
import { Icon } from './Icon.js';
import { RefusalNote } from './RefusalNote.js';

/**
 * A call's business record: notes, tags from the admins' list, a disposition of the call's
 * channel (mandatory when the channel says so), and who changed what. Editable during and after the call.
 */
export function BusinessRecordPanel({ callId, channelId, onSaved }: { callId: string; channelId: string; onSaved?: (r: BusinessRecord) => void }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const [record, setRecord] = useState<BusinessRecord | null>(null);
  const [draft, setDraft] = useState<RecordDraft | null>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const [history, setHistory] = useState<BusinessRecordHistoryEntry[] | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await runtime.api.businessRecord(callId);
      setRecord(r);
      setDraft(draftOf(r));
    } catch (e) {
      setRefusal(await explain(e));
    }
  }, [runtime, callId, explain]);

  useEffect(() => {
    setRecord(null);
    setDraft(null);
    setHistory(null);
    setRefusal(null);
    void load();
    runtime.api.tags().then((p) => setTags(p.items), () => setTags([]));
    runtime.api.dispositions(channelId).then((p) => setDispositions(p.items), () => setDispositions([]));
  }, [runtime, load, channelId]);

  const loadHistory = useCallback(() => {
    runtime.api.businessRecordHistory(callId).then((p) => setHistory(p.items), async (e) => setRefusal(await explain(e)));
  }, [runtime, callId, explain]);
  useEffect(() => {
    if (showHistory) loadHistory();
  }, [showHistory, loadHistory, record?.version]);

  // Someone else saved this record: take their version unless this form holds unsaved edits.
  useEffect(() => runtime.onServerMessage((m) => {
    if (m.type !== 'business_record.updated' || m.call_id !== callId) return;
    setRecord((current) => {
      if (current && m.record.version <= current.version) return current;
      setDraft((d) => (d && current && isDirty(d, current) ? d : draftOf(m.record)));
      return m.record;
    });
  }), [runtime, callId]);

  if (!record || !draft) {
    return refusal ? <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} /> : <p className="muted">{t('common.loading')}</p>;
  }

  const check = saveRequest(draft, record);
  const dirty = isDirty(draft, record);
  const save = async () => {
    if (!check.ok) return;
    setSaving(true);
    setRefusal(null);
    try {
      const r = await runtime.api.saveBusinessRecord(callId, check.input);
      setRecord(r);
      setDraft(draftOf(r));
      setSavedAt(Date.now());
      if (r.disposition) runtime.businessRecords.dispatch({ kind: 'disposed', callId });
      onSaved?.(r);
    } catch (e) {
      setRefusal(await explain(e));
      if (isApiError(e) && e.code === 'CONFLICT') void load();
    } finally {
      setSaving(false);
    }
  };

  const needDisposition = record.disposition_mandatory;
  return (
    <form className="brecord" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="business-record" data-version={record.version}>
      {record.disposition_pending ? (
        <p className="note note--warn" role="status"><Icon name="alert" size={14} /> {t('record.pending')}</p>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`br-disposition-${callId}`}>
          {t('record.disposition')}{needDisposition ? <span className="required"> · {t('record.mandatory')}</span> : null}
        </label>
        <select
          id={`br-disposition-${callId}`}
          value={draft.dispositionId ?? ''}
          onChange={(e) => setDraft({ ...draft, dispositionId: e.target.value || null })}
          aria-required={needDisposition}
        >
          <option value="">{dispositions.length ? t('record.noDisposition') : t('record.noDispositions')}</option>
          {dispositions.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          {record.disposition && !dispositions.some((d) => d.id === record.disposition!.id) ? <option value={record.disposition.id}>{record.disposition.name}</option> : null}
        </select>
      </div>
      <fieldset className="field">
        <legend className="field__label">{t('record.tags')}</legend>
        {tags.length === 0 ? <p className="muted small">{t('record.noTags')}</p> : (
          <div className="chips">
            {tags.map((tag) => {
              const on = draft.tagIds.includes(tag.id);
              return (
                <label key={tag.id} className={`chip${on ? ' is-on' : ''}`}>
                  <input type="checkbox" checked={on} onChange={() => setDraft(toggleTag(draft, tag.id))} />
                  {on ? <Icon name="check" size={13} /> : <Icon name="tag" size={13} />} {tag.name}
                </label>
              );
            })}
          </div>
        )}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`br-notes-${callId}`}>{t('record.notes')}</label>
        <textarea id={`br-notes-${callId}`} rows={4} value={draft.notes} maxLength={10_000} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} placeholder={t('record.notesPlaceholder')} />
      </div>
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />
      <div className="brecord__actions">
        <button type="submit" className="btn btn--primary btn--small" disabled={!check.ok || saving} data-testid="save-record">
          {saving ? t('record.saving') : t('record.save')}
        </button>
        {dirty ? <button type="button" className="btn btn--ghost btn--small" onClick={() => setDraft(draftOf(record))}>{t('record.discard')}</button> : null}
        {!check.ok && dirty && check.reason !== 'record.nothingChanged' ? <span className="form-hint form-hint--warn">{t(check.reason)}</span> : null}
        {savedAt && !dirty ? <span className="form-hint" role="status">{t('record.saved')}</span> : null}
        <span className="grow" />
        <button type="button" className="btn btn--ghost btn--small" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)} data-testid="record-history-toggle">
          <Icon name="list" size={15} /><span>{t('record.history')}{record.version > 0 ? ` (${record.version})` : ''}</span>
        </button>
      </div>
      {record.updated_at ? <p className="muted small">{t('record.lastChange', { name: record.updated_by?.name ?? t('record.someone'), at: fmt.dateTime(record.updated_at) })}</p> : null}
      {showHistory ? (
        history === null ? <p className="muted small">{t('common.loading')}</p> : history.length === 0 ? <p className="muted small">{t('record.historyEmpty')}</p> : (
          <ol className="history" data-testid="record-history">
            {historyItems(history, fmt, t).map((h) => (
              <li key={h.id}>
                <div className="history__who"><strong>{h.who}</strong> <span className="muted">{h.when}</span></div>
                <ul>{h.changes.map((c, i) => <li key={i}>{c}</li>)}</ul>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </form>
  );
}
