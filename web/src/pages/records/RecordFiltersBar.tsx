import type { ReactNode } from 'react';
import { useRuntimeStore } from '../../app/runtime-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useStore } from '../../state/use-store.js';
import { emptyFilters, type RecordFilters } from '../../viewmodels/call-records.js';
import { rangePresets, type RangePreset } from '../../viewmodels/zoned-time.js';
import { recordsView } from './records-view.js';

const results = ['answered', 'unanswered', 'user_abandon', 'rejected', 'missed', 'failed', 'voicemail'] as const;

/** Time range, channel, agent, group, result, direction and channel type; each change reloads the list. */
export function RecordFiltersBar({ disabled, error }: { disabled: boolean; error: string | null }) {
  const { t } = useI18n();
  const f = useStore(recordsView, (v) => v.filters);
  const reference = useRuntimeStore((r) => r.reference);
  const set = (patch: Partial<RecordFilters>) => recordsView.set((v) => ({ ...v, filters: { ...v.filters, ...patch } }));
  const field = (id: string, label: string, control: ReactNode) => (
    <label className="filter" htmlFor={id}>
      <span className="filter__label">{label}</span>
      {control}
    </label>
  );
  return (
    <fieldset className="filters" disabled={disabled} aria-describedby={disabled ? 'filters-off' : undefined} data-testid="filters">
      <legend className="sr-only">{t('records.filters')}</legend>
      {field('f-range', t('records.filters.range'), (
        <select id="f-range" value={f.range} onChange={(e) => set({ range: e.target.value as RangePreset })}>
          {rangePresets.map((p) => <option key={p} value={p}>{t(`records.range.${p}`)}</option>)}
        </select>
      ))}
      {f.range === 'custom' ? (
        <>
          {field('f-from', t('records.filters.from'), <input id="f-from" type="datetime-local" value={f.fromLocal} onChange={(e) => set({ fromLocal: e.target.value })} />)}
          {field('f-to', t('records.filters.to'), <input id="f-to" type="datetime-local" value={f.toLocal} onChange={(e) => set({ toLocal: e.target.value })} />)}
        </>
      ) : null}
      {field('f-channel', t('records.channel'), (
        <select id="f-channel" value={f.channel_id} onChange={(e) => set({ channel_id: e.target.value })}>
          <option value="">{t('records.filters.any')}</option>
          {reference.channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      ))}
      {field('f-agent', t('records.agent'), (
        <select id="f-agent" value={f.agent_id} onChange={(e) => set({ agent_id: e.target.value })}>
          <option value="">{t('records.filters.any')}</option>
          {reference.users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      ))}
      {field('f-group', t('records.group'), (
        <select id="f-group" value={f.agent_group_id} onChange={(e) => set({ agent_group_id: e.target.value })}>
          <option value="">{t('records.filters.any')}</option>
          {reference.agentGroups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      ))}
      {field('f-result', t('calls.result'), (
        <select id="f-result" value={f.result} onChange={(e) => set({ result: e.target.value })} data-testid="filter-result">
          <option value="">{t('records.filters.any')}</option>
          {results.map((r) => <option key={r} value={r}>{t(`result.${r}`)}</option>)}
        </select>
      ))}
      {field('f-direction', t('calls.direction'), (
        <select id="f-direction" value={f.direction} onChange={(e) => set({ direction: e.target.value as RecordFilters['direction'] })}>
          <option value="">{t('records.filters.any')}</option>
          <option value="inbound">{t('calls.inbound')}</option>
          <option value="outbound">{t('calls.outbound')}</option>
        </select>
      ))}
      {field('f-type', t('records.field.channelType'), (
        <select id="f-type" value={f.channel_type} onChange={(e) => set({ channel_type: e.target.value as RecordFilters['channel_type'] })}>
          <option value="">{t('records.filters.any')}</option>
          <option value="whatsapp">{t('records.type.whatsapp')}</option>
          <option value="voice">{t('records.type.voice')}</option>
        </select>
      ))}
      <button type="button" className="btn btn--small btn--ghost filters__reset" onClick={() => set(emptyFilters)}>{t('records.filters.reset')}</button>
      {disabled ? <p id="filters-off" className="filters__note">{t('search.filtersOff')}</p> : null}
      {error ? <p className="form-error filters__note" role="alert">{error}</p> : null}
    </fieldset>
  );
}
