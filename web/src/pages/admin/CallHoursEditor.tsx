import { useEffect, useState } from 'react';
import type { ChannelDetail } from '../../api/admin-types.js';
import { useRuntimeStore } from '../../app/runtime-context.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  addSpan, CALL_HOURS_LIMITS, copyToWeekdays, draftFromCallHours, removeSpan, setSpan, toCallHours, weekDays, type HoursDraft,
} from '../../viewmodels/call-hours.js';
import { resolveTimeZone } from '../../viewmodels/format-time.js';
import type { SaveChannel } from './ChannelsSection.js';

const knownZone = (tz: string) => resolveTimeZone(tz, undefined) === tz;

/** Calling hours in Meta's shape: up to two openings a day, holidays, a time zone; synced to WhatsApp on save. */
export function CallHoursEditor({ channel, save }: { channel: ChannelDetail; save: SaveChannel }) {
  const { t } = useI18n();
  const tenantZone = useRuntimeStore((r) => r.reference, (d) => d.settings?.time_zone ?? 'UTC');
  const [draft, setDraft] = useState<HoursDraft>(() => draftFromCallHours(channel.call_hours, tenantZone));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftFromCallHours(channel.call_hours, tenantZone)), [channel.id, channel.call_hours, tenantZone]);
  const result = toCallHours(draft, knownZone);
  const problem = (where: string) => (result.ok ? null : result.problems.find((p) => p.where === where)?.message ?? null);
  const edit = (next: HoursDraft) => {
    setSaved(false);
    setDraft(next);
  };
  return (
    <section className="admin-card admin-card--wide" aria-labelledby="hours-title" data-testid="call-hours">
      <div className="card__head">
        <h4 id="hours-title" className="admin-card__subtitle">{t('hours.title')}</h4>
        <label className="switch switch--inline">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => edit({ ...draft, enabled: e.target.checked })} />
          <span className="switch__track" aria-hidden="true" />
          <span className="switch__label">{draft.enabled ? t('hours.enabled') : t('hours.disabled')}</span>
        </label>
      </div>
      <p className="muted small">{t('hours.lead', { perDay: CALL_HOURS_LIMITS.perDay, holidays: CALL_HOURS_LIMITS.holidays })}</p>
      <label className="inline-field">{t('hours.timeZone')}
        <input className="input--zone" value={draft.timeZone} onChange={(e) => edit({ ...draft, timeZone: e.target.value })} aria-invalid={problem('timezone') ? true : undefined} />
      </label>
      {problem('timezone') ? <p className="field__error">{t(problem('timezone')!)}</p> : null}
      <table className="hours">
        <tbody>
          {weekDays.map((day) => (
            <tr key={day} data-day={day}>
              <th scope="row">{t(`hours.day.${day}`)}</th>
              <td>
                {draft.days[day].length === 0 ? <span className="muted small">{t('hours.closed')}</span> : null}
                {draft.days[day].map((s, i) => (
                  <span key={i} className={`span-edit${problem(`${day}.${i}`) ? ' has-error' : ''}`}>
                    <input type="time" aria-label={t('hours.opensOn', { day: t(`hours.day.${day}`), n: i + 1 })} value={s.open} onChange={(e) => edit(setSpan(draft, day, i, { open: e.target.value }))} />
                    <span aria-hidden="true">–</span>
                    <input type="time" aria-label={t('hours.closesOn', { day: t(`hours.day.${day}`), n: i + 1 })} value={s.close} onChange={(e) => edit(setSpan(draft, day, i, { close: e.target.value }))} />
                    <button type="button" className="icon-button" onClick={() => edit(removeSpan(draft, day, i))} aria-label={t('hours.remove', { day: t(`hours.day.${day}`), n: i + 1 })}><Icon name="x" size={14} /></button>
                    {problem(`${day}.${i}`) ? <span className="field__error">{t(problem(`${day}.${i}`)!)}</span> : null}
                  </span>
                ))}
              </td>
              <td className="hours__tools">
                <button type="button" className="btn btn--small btn--ghost" disabled={draft.days[day].length >= CALL_HOURS_LIMITS.perDay} onClick={() => edit(addSpan(draft, day))} aria-label={t('hours.addOn', { day: t(`hours.day.${day}`) })}>
                  <Icon name="plus" size={14} />
                </button>
                <button type="button" className="btn btn--small btn--ghost" onClick={() => edit(copyToWeekdays(draft, day))} title={t('hours.copy')} aria-label={t('hours.copyFrom', { day: t(`hours.day.${day}`) })}>
                  <Icon name="copy" size={14} />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem('weekly') ? <p className="field__error">{t(problem('weekly')!)}</p> : null}
      <h5 className="hours__holidays">{t('hours.holidays')}</h5>
      {draft.holidays.map((h, i) => (
        <div key={i} className={`span-edit${problem(`holiday.${i}`) ? ' has-error' : ''}`}>
          <input type="date" aria-label={t('hours.holidayDate', { n: i + 1 })} value={h.date} onChange={(e) => edit({ ...draft, holidays: draft.holidays.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)) })} />
          <input type="time" aria-label={t('hours.holidayStart', { n: i + 1 })} value={h.start} onChange={(e) => edit({ ...draft, holidays: draft.holidays.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)) })} />
          <span aria-hidden="true">–</span>
          <input type="time" aria-label={t('hours.holidayEnd', { n: i + 1 })} value={h.end} onChange={(e) => edit({ ...draft, holidays: draft.holidays.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)) })} />
          <button type="button" className="icon-button" onClick={() => edit({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })} aria-label={t('hours.removeHoliday', { n: i + 1 })}><Icon name="x" size={14} /></button>
          {problem(`holiday.${i}`) ? <span className="field__error">{t(problem(`holiday.${i}`)!)}</span> : null}
        </div>
      ))}
      {problem(`holiday.${CALL_HOURS_LIMITS.holidays}`) ? <p className="field__error">{t('hours.error.holidays')}</p> : null}
      <div className="form-actions form-actions--left">
        <button type="button" className="btn btn--small" disabled={draft.holidays.length >= CALL_HOURS_LIMITS.holidays} onClick={() => edit({ ...draft, holidays: [...draft.holidays, { date: '', start: '00:00', end: '23:59' }] })}>
          <Icon name="plus" size={14} /><span>{t('hours.addHoliday')}</span>
        </button>
        <span className="grow" />
        {saved ? <span className="form-hint" role="status">{t('hours.saved')}</span> : null}
        <button type="button" className="btn btn--small btn--primary" disabled={!result.ok} onClick={async () => {
          if (result.ok && (await save({ call_hours: result.value }))) setSaved(true);
        }} data-testid="save-hours">{t('hours.save')}</button>
      </div>
    </section>
  );
}
