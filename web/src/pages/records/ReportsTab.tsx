import { useEffect, useMemo, useState } from 'react';
import type { ActivityGrouping, CallActivity, MetricsReport, ScopeKind } from '../../api/report-types.js';
import { useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { activityRows, metricTiles } from '../../viewmodels/reports.js';
import { fromLocalInput, presetRange, rangePresets, type RangePreset } from '../../viewmodels/zoned-time.js';

const groupings: ActivityGrouping[] = ['agent', 'agent_group', 'channel', 'hour'];
const scopes: ScopeKind[] = ['tenant', 'channel', 'agent_group', 'agent'];

/** The standard metrics (service level, ASA, abandonment rate, AHT, occupancy) and Call Activity of a range and scope. */
export function ReportsTab() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const reference = useRuntimeStore((r) => r.reference);
  const [range, setRange] = useState<RangePreset>('today');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [scope, setScope] = useState<ScopeKind>('tenant');
  const [scopeId, setScopeId] = useState('');
  const [groupBy, setGroupBy] = useState<ActivityGrouping>('agent');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [metrics, setMetrics] = useState<MetricsReport | null>(null);
  const [activity, setActivity] = useState<CallActivity | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);

  const q = useMemo(() => {
    const r = range === 'custom'
      ? { from: fromLocalInput(from, fmt.timeZone), to: fromLocalInput(to, fmt.timeZone) }
      : presetRange(range, Date.now(), fmt.timeZone);
    if (r.from === null || r.to === null || r.from >= r.to) return null;
    if (scope !== 'tenant' && !scopeId) return null;
    return { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), scope, ...(scope !== 'tenant' ? { scope_id: scopeId } : {}) };
  }, [range, from, to, scope, scopeId, fmt.timeZone]);

  useEffect(() => {
    if (!q) return;
    let live = true;
    setMetrics(null);
    setRefusal(null);
    runtime.api.metrics(q).then((m) => live && setMetrics(m), async (e) => live && setRefusal(await explain(e)));
    return () => {
      live = false;
    };
  }, [runtime, q, explain]);
  useEffect(() => {
    if (!q) return;
    let live = true;
    setActivity(null);
    runtime.api.callActivity({ ...q, group_by: groupBy, direction }).then((a) => live && setActivity(a), async (e) => live && setRefusal(await explain(e)));
    return () => {
      live = false;
    };
  }, [runtime, q, groupBy, direction, explain]);

  const scopeChoices = scope === 'channel' ? reference.channels : scope === 'agent_group' ? reference.agentGroups : scope === 'agent' ? reference.users : [];
  const bars = activity ? activityRows(activity, t) : null;
  return (
    <div className="reports" data-testid="reports">
      <fieldset className="filters">
        <legend className="sr-only">{t('reports.filters')}</legend>
        <label className="filter"><span className="filter__label">{t('records.filters.range')}</span>
          <select value={range} onChange={(e) => setRange(e.target.value as RangePreset)}>
            {rangePresets.map((p) => <option key={p} value={p}>{t(`records.range.${p}`)}</option>)}
          </select>
        </label>
        {range === 'custom' ? (
          <>
            <label className="filter"><span className="filter__label">{t('records.filters.from')}</span><input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label className="filter"><span className="filter__label">{t('records.filters.to')}</span><input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          </>
        ) : null}
        <label className="filter"><span className="filter__label">{t('reports.scope')}</span>
          <select value={scope} onChange={(e) => { setScope(e.target.value as ScopeKind); setScopeId(''); }}>
            {scopes.map((s) => <option key={s} value={s}>{t(`reports.scope.${s}`)}</option>)}
          </select>
        </label>
        {scope !== 'tenant' ? (
          <label className="filter"><span className="filter__label">{t(`reports.scope.${scope}`)}</span>
            <select value={scopeId} onChange={(e) => setScopeId(e.target.value)}>
              <option value="">{t('search.choose')}</option>
              {scopeChoices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
        ) : null}
      </fieldset>
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />
      {!q ? <p className="muted">{t('reports.pick')}</p> : null}

      <section aria-labelledby="metrics-title">
        <h2 id="metrics-title" className="section-title">{t('reports.metrics')}</h2>
        {q && !metrics ? <p className="muted">{t('common.loading')}</p> : null}
        {metrics ? (
          <div className="kpis kpis--report">
            {metricTiles(metrics, t).map((m) => (
              <div key={m.id} className="kpi" data-metric={m.id}>
                <span className="kpi__label">{m.label}</span>
                <span className="kpi__value">{m.value}</span>
                <span className="kpi__hint">{m.hint}</span>
              </div>
            ))}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="activity-title">
        <div className="card__head">
          <h2 id="activity-title" className="card__title">{t('reports.activity')}</h2>
          <div className="card__tools">
            <label className="inline-field">{t('reports.groupBy')}
              <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as ActivityGrouping)}>
                {groupings.map((g) => <option key={g} value={g}>{t(`reports.by.${g}`)}</option>)}
              </select>
            </label>
            <label className="inline-field">{t('calls.direction')}
              <select value={direction} onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound')}>
                <option value="inbound">{t('calls.inbound')}</option>
                <option value="outbound">{t('calls.outbound')}</option>
              </select>
            </label>
          </div>
        </div>
        <div className="legend" aria-hidden="true">
          <span><i className="bar bar--answered" /> {t('result.answered')}</span>
          <span><i className="bar bar--unanswered" /> {t('result.unanswered')}</span>
          <span><i className="bar bar--voicemail" /> {t('result.voicemail')}</span>
        </div>
        {q && !bars ? <p className="muted">{t('common.loading')}</p> : bars && bars.rows.length === 0 ? <p className="muted">{t('reports.noCalls')}</p> : bars ? (
          <div className="table-wrap">
            <table className="table table--compact activity" data-testid="call-activity">
              <thead>
                <tr>
                  <th scope="col">{t(`reports.by.${groupBy}`)}</th>
                  <th scope="col" className="num">{t('result.answered')}</th>
                  <th scope="col" className="num">{t('result.unanswered')}</th>
                  <th scope="col" className="num">{t('result.voicemail')}</th>
                  <th scope="col" className="num">{t('reports.total')}</th>
                  <th scope="col" className="activity__barcol"><span className="sr-only">{t('reports.chart')}</span></th>
                </tr>
              </thead>
              <tbody>
                {[...bars.rows, bars.totals].map((r) => (
                  <tr key={r.key} className={r.key === 'total' ? 'is-total' : undefined}>
                    <th scope="row">{r.name}</th>
                    <td className="num">{r.answered}</td>
                    <td className="num" title={r.breakdown || undefined}>{r.unanswered}</td>
                    <td className="num">{r.voicemail}</td>
                    <td className="num">{r.total}</td>
                    <td className="activity__barcol">
                      {r.key === 'total' ? null : (
                        <div className="stack" role="img" aria-label={t('reports.barLabel', { answered: r.answered, unanswered: r.unanswered, voicemail: r.voicemail })}>
                          <span className="bar bar--answered" style={{ width: `${r.widths.answered}%` }} />
                          <span className="bar bar--unanswered" style={{ width: `${r.widths.unanswered}%` }} />
                          <span className="bar bar--voicemail" style={{ width: `${r.widths.voicemail}%` }} />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
