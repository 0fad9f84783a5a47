import { useState } from 'react';
import { useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useStore } from '../../state/use-store.js';
import {
  changeField, changeOp, newRow, opsFor, searchFieldNames, toSearchBody, valueInput, type RowOp, type SearchField, type SearchRow,
} from '../../viewmodels/advanced-search.js';
import { patchRecordsView, recordsView } from './records-view.js';

/** Field / operator / value rows matched all or any; Search runs it, Clear all goes back to the filters. */
export function AdvancedSearch() {
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const view = useStore(recordsView);
  const reference = useRuntimeStore((r) => r.reference);
  const [errors, setErrors] = useState<Record<number, MessageKey>>({});
  const refs = {
    channels: reference.channels,
    agents: reference.users.map((u) => ({ id: u.id, name: u.name })),
    agentGroups: reference.agentGroups,
  };
  const enumLabel = (field: SearchField, value: string): string => {
    switch (field) {
      case 'result':
        return t(`result.${value}` as MessageKey);
      case 'direction':
        return value === 'inbound' ? t('calls.inbound') : t('calls.outbound');
      case 'channel_type':
        return t(`records.type.${value}` as MessageKey);
      case 'status':
        return t(`search.status.${value}` as MessageKey);
      case 'ended_by':
        return t(`records.endedBy.${value}` as MessageKey);
      default:
        return value;
    }
  };
  const setRow = (id: number, next: (r: SearchRow) => SearchRow) => patchRecordsView({ rows: view.rows.map((r) => (r.id === id ? next(r) : r)) });
  const add = () => patchRecordsView({ rows: [...view.rows, newRow(view.nextRowId)], nextRowId: view.nextRowId + 1 });
  const remove = (id: number) => patchRecordsView({ rows: view.rows.filter((r) => r.id !== id) });
  const run = () => {
    const built = toSearchBody(view.rows, view.match, fmt.timeZone);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    patchRecordsView({ applied: { rows: view.rows, match: view.match } });
  };
  const clear = () => {
    setErrors({});
    patchRecordsView({ rows: [newRow(view.nextRowId)], nextRowId: view.nextRowId + 1, applied: null });
  };

  return (
    <section id="advanced-search" className="card search" aria-labelledby="search-title" data-testid="advanced-search">
      <div className="search__head">
        <h2 id="search-title" className="card__title">{t('search.title')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('search.match')}>
          {(['all', 'any'] as const).map((m) => (
            <label key={m} className={`segmented__item${view.match === m ? ' is-active' : ''}`}>
              <input type="radio" name="search-match" value={m} checked={view.match === m} onChange={() => patchRecordsView({ match: m })} />
              {t(`search.match.${m}`)}
            </label>
          ))}
        </div>
      </div>
      <ol className="search__rows">
        {view.rows.map((row, i) => {
          const input = valueInput(row, refs, enumLabel);
          const err = errors[row.id];
          const vid = `search-value-${row.id}`;
          return (
            <li key={row.id} className={`search__row${err ? ' has-error' : ''}`} data-row={i}>
              <select aria-label={t('search.field', { n: i + 1 })} value={row.field} onChange={(e) => setRow(row.id, (r) => changeField(r, e.target.value as SearchField))}>
                {searchFieldNames.map((f) => <option key={f} value={f}>{t(`search.fieldName.${f}` as MessageKey)}</option>)}
              </select>
              <select aria-label={t('search.operator', { n: i + 1 })} value={row.op} onChange={(e) => setRow(row.id, (r) => changeOp(r, e.target.value as RowOp))}>
                {opsFor(row.field).map((op) => <option key={op} value={op}>{t(`search.op.${op}` as MessageKey)}</option>)}
              </select>
              {input.kind === 'none' ? <span className="search__none" /> : input.kind === 'select' ? (
                <select
                  id={vid}
                  aria-label={t('search.value', { n: i + 1 })}
                  multiple={input.multiple}
                  size={input.multiple ? Math.min(4, input.choices.length) : undefined}
                  value={input.multiple ? (Array.isArray(row.value) ? row.value : []) : (Array.isArray(row.value) ? row.value[0] ?? '' : row.value)}
                  onChange={(e) => {
                    const v = input.multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value;
                    setRow(row.id, (r) => ({ ...r, value: v }));
                  }}
                >
                  {!input.multiple ? <option value="">{t('search.choose')}</option> : null}
                  {input.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                </select>
              ) : (
                <input
                  id={vid}
                  aria-label={t('search.value', { n: i + 1 })}
                  type={input.kind === 'time' ? 'datetime-local' : 'text'}
                  inputMode={input.kind === 'number' ? 'numeric' : undefined}
                  placeholder={input.kind === 'time' ? undefined : t(input.placeholder)}
                  value={Array.isArray(row.value) ? row.value.join(', ') : row.value}
                  onChange={(e) => setRow(row.id, (r) => ({ ...r, value: e.target.value }))}
                  onKeyDown={(e) => e.key === 'Enter' && run()}
                />
              )}
              <button type="button" className="icon-button" onClick={() => remove(row.id)} aria-label={t('search.remove', { n: i + 1 })} title={t('search.remove', { n: i + 1 })}>
                <Icon name="x" size={16} />
              </button>
              {err ? <p className="search__error" role="alert">{t(err)}</p> : null}
            </li>
          );
        })}
      </ol>
      <div className="search__actions">
        <button type="button" className="btn btn--small" onClick={add} disabled={view.rows.length >= 20}><Icon name="plus" size={15} /><span>{t('search.add')}</span></button>
        <span className="grow" />
        <button type="button" className="btn btn--small btn--ghost" onClick={clear}>{t('search.clear')}</button>
        <button type="button" className="btn btn--small btn--primary" onClick={run} data-testid="run-search"><Icon name="search" size={15} /><span>{t('search.run')}</span></button>
      </div>
      {view.applied ? <p className="note"><Icon name="info" size={14} /> {t('search.active', { count: view.applied.rows.length })}</p> : null}
    </section>
  );
}
