import { useEffect, useMemo, useState } from 'react';
import { exportCsvPath } from '../../api/supervisor-api.js';
import type { CallRecord } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { onLiveCall } from '../../state/desk-state.js';
import { useStore } from '../../state/use-store.js';
import { toSearchBody } from '../../viewmodels/advanced-search.js';
import { filtersToQuery, recordRows, type RecordRow } from '../../viewmodels/call-records.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { pathOf } from '../../viewmodels/routes.js';
import { AdvancedSearch } from './AdvancedSearch.js';
import { RecordFiltersBar } from './RecordFiltersBar.js';
import { recordsView } from './records-view.js';

const PAGE = 50;

function saveText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The records list: filters or an advanced search, newest first, 50 at a time; CSV of the same selection. */
export function RecordsList() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const view = useStore(recordsView);
  const onCall = useRuntimeStore((r) => r.desk, onLiveCall);
  const [items, setItems] = useState<CallRecord[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [playing, setPlaying] = useState<string | null>(null);

  // What the list shows: the filters (recomputed when they change) or the search last run.
  const filters = useMemo(() => filtersToQuery(view.filters, Date.now(), fmt.timeZone), [view.filters, fmt.timeZone, reloadKey]);
  const search = useMemo(() => (view.applied ? toSearchBody(view.applied.rows, view.applied.match, fmt.timeZone) : null), [view.applied, fmt.timeZone]);

  const fetchPage = (after: string | null) => {
    if (search) {
      if (!search.ok) return Promise.resolve({ items: [], next_cursor: null });
      return runtime.api.searchCalls({ ...search.body, limit: PAGE, ...(after ? { cursor: after } : {}) });
    }
    if (!filters.ok) return Promise.resolve({ items: [], next_cursor: null });
    return runtime.api.callRecords({ ...filters.query, limit: PAGE, ...(after ? { cursor: after } : {}) });
  };

  useEffect(() => {
    let live = true;
    setItems(null);
    setRefusal(null);
    fetchPage(null).then(
      (p) => {
        if (!live) return;
        setItems(p.items);
        setCursor(p.next_cursor);
      },
      async (e) => {
        if (!live) return;
        setItems([]);
        setCursor(null);
        setRefusal(await explain(e));
      },
    );
    return () => {
      live = false;
    };
  }, [filters, search, runtime]);

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await fetchPage(cursor);
      setItems((xs) => [...(xs ?? []), ...p.items]);
      setCursor(p.next_cursor);
    } catch (e) {
      setRefusal(await explain(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const exportSearch = async () => {
    if (!search?.ok) return;
    try {
      saveText(await runtime.api.exportSearchCsv(search.body), 'call-records.csv');
    } catch (e) {
      setRefusal(await explain(e));
    }
  };

  const callback = async (row: RecordRow) => {
    if (!row.callback) return;
    setRefusal(null);
    try {
      await runtime.calls.callContact({ id: row.callback.contactId, number: row.callback.number, name: row.callback.name }, row.callback.channelId);
    } catch (e) {
      setRefusal(await explain(e));
    }
  };

  const rows = recordRows(items ?? [], fmt, t);
  const open = (id: string) => navigate(pathOf('records', id));
  return (
    <>
      <div className="records__bar">
        <RecordFiltersBar disabled={view.applied !== null} error={filters.ok ? null : t(filters.error)} />
        <div className="records__tools">
          <button type="button" className="btn btn--small" aria-expanded={view.advancedOpen} aria-controls="advanced-search" onClick={() => recordsView.set((v) => ({ ...v, advancedOpen: !v.advancedOpen }))} data-testid="advanced-toggle">
            <Icon name="search" size={15} /><span>{t('search.toggle')}</span>
          </button>
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setReloadKey((k) => k + 1)} aria-label={t('records.refresh')} title={t('records.refresh')}>
            <Icon name="refresh" size={15} />
          </button>
          {search ? (
            <button type="button" className="btn btn--small" onClick={() => void exportSearch()} disabled={!search.ok} data-testid="export-csv">
              <Icon name="download" size={15} /><span>{t('records.export')}</span>
            </button>
          ) : filters.ok ? (
            <a className="btn btn--small" href={exportCsvPath(filters.query)} download="call-records.csv" data-testid="export-csv">
              <Icon name="download" size={15} /><span>{t('records.export')}</span>
            </a>
          ) : null}
        </div>
      </div>
      {view.advancedOpen ? <AdvancedSearch /> : null}
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />

      <section className="card card--flush" aria-label={t('records.list')}>
        {items === null ? <p className="muted pad">{t('common.loading')}</p> : rows.length === 0 ? <p className="muted pad">{t('records.empty')}</p> : (
          <div className="table-wrap">
            <table className="table table--records" data-testid="records">
              <thead>
                <tr>
                  <th scope="col">{t('calls.when')}</th>
                  <th scope="col">{t('calls.customer')}</th>
                  <th scope="col">{t('records.channel')}</th>
                  <th scope="col">{t('records.agent')}</th>
                  <th scope="col">{t('calls.result')}</th>
                  <th scope="col" className="num">{t('records.wait')}</th>
                  <th scope="col" className="num">{t('calls.duration')}</th>
                  <th scope="col"><span className="sr-only">{t('records.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-call-id={r.id} data-result={r.tone}>
                    <td className="nowrap">
                      <Icon name={r.inbound ? 'phoneIncoming' : 'phoneOutgoing'} size={14} label={r.direction} /> {r.when}
                    </td>
                    <td>
                      <a href={pathOf('records', r.id)} onClick={(e) => { e.preventDefault(); open(r.id); }}>{r.customer}</a>
                      {r.customer !== r.number ? <div className="muted small mono">{r.number}</div> : null}
                    </td>
                    <td>{r.channel}<div className="muted small">{r.channelType}</div></td>
                    <td>{r.agent}{r.group !== '—' ? <div className="muted small">{r.group}</div> : null}</td>
                    <td><span className={`pill pill--${r.tone}`}>{r.result}</span></td>
                    <td className="num mono">{r.wait}</td>
                    <td className="num mono">{r.talk}</td>
                    <td className="row-actions">
                      {r.recordingUrl ? (
                        playing === r.id
                          ? <audio className="row-audio" controls autoPlay src={r.recordingUrl} aria-label={t('records.recording')} />
                          : <button type="button" className="icon-button" onClick={() => setPlaying(r.id)} aria-label={t('records.play')} title={t('records.play')}><Icon name="play" size={16} /></button>
                      ) : null}
                      <button
                        type="button"
                        className="icon-button"
                        disabled={!r.callback || onCall}
                        onClick={() => void callback(r)}
                        aria-label={t('records.callback')}
                        title={!r.callback ? t('records.callbackNoContact') : onCall ? t('permission.reason.onCall') : t('records.callbackHelp', { number: r.number })}
                      >
                        <Icon name="phoneOutgoing" size={16} />
                      </button>
                      <button type="button" className="icon-button" onClick={() => runtime.businessRecords.dispatch({ kind: 'open', callId: r.id })} aria-label={t('record.button')} title={t('record.button')}>
                        <Icon name="note" size={16} />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {cursor ? (
          <div className="pad center">
            <button type="button" className="btn" onClick={() => void more()} disabled={loadingMore} data-testid="load-more">{loadingMore ? t('common.loading') : t('records.more')}</button>
          </div>
        ) : null}
      </section>
    </>
  );
}
