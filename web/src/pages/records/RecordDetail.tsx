import { useEffect, useState } from 'react';
import type { CallDetail } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { useExplain } from '../../app/use-explain.js';
import { BusinessRecordPanel } from '../../components/BusinessRecordPanel.js';
import { Icon } from '../../components/Icon.js';
import { RefusalNote } from '../../components/RefusalNote.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { onLiveCall } from '../../state/desk-state.js';
import { recordDetailFields, resultLabel, resultTone } from '../../viewmodels/call-records.js';
import { journeyItems } from '../../viewmodels/journey.js';
import type { RefusalMessage } from '../../viewmodels/refusal-message.js';
import { pathOf } from '../../viewmodels/routes.js';

/** One call: every record field, the recording, the journey, Callback and the business record. */
export function RecordDetail({ callId }: { callId: string }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const explain = useExplain();
  const onCall = useRuntimeStore((r) => r.desk, onLiveCall);
  const [call, setCall] = useState<CallDetail | null>(null);
  const [missing, setMissing] = useState<RefusalMessage | null>(null);
  const [refusal, setRefusal] = useState<RefusalMessage | null>(null);
  const [calling, setCalling] = useState(false);

  useEffect(() => {
    let live = true;
    setCall(null);
    setMissing(null);
    runtime.api.call(callId).then((c) => live && setCall(c), async (e) => live && setMissing(await explain(e)));
    return () => {
      live = false;
    };
  }, [runtime, callId, explain]);

  const back = (
    <a className="back-link" href={pathOf('records')} onClick={(e) => { e.preventDefault(); navigate(pathOf('records')); }}>
      <Icon name="arrowLeft" size={16} /> {t('records.back')}
    </a>
  );
  if (missing) return <div className="page">{back}<RefusalNote refusal={missing} onClose={() => navigate(pathOf('records'))} /></div>;
  if (!call) return <div className="page">{back}<p className="muted">{t('common.loading')}</p></div>;

  const callback = async () => {
    if (!call.contact_id) return;
    setRefusal(null);
    setCalling(true);
    try {
      await runtime.calls.callContact({ id: call.contact_id, number: call.customer_number, name: call.contact_name }, call.channel_id);
    } catch (e) {
      setRefusal(await explain(e));
    } finally {
      setCalling(false);
    }
  };
  const fields = recordDetailFields(call, fmt, t);
  const journey = journeyItems(call.journey, fmt, t);
  return (
    <div className="page page--wide record" data-call-id={call.id} data-testid="record-detail">
      {back}
      <header className="record__head">
        <div>
          <h2 className="record__title">{call.contact_name ?? call.customer_number}</h2>
          <p className="muted">
            <Icon name={call.direction === 'inbound' ? 'phoneIncoming' : 'phoneOutgoing'} size={14} /> {call.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound')}
            {' · '}{fmt.dateTime(call.offered_at ?? call.created_at)}{' · '}{t(`records.type.${call.channel_type}`)}
          </p>
        </div>
        <span className={`pill pill--${resultTone(call)} pill--large`}>{resultLabel(call, t)}</span>
        <div className="record__actions">
          {call.conversation_id ? (
            <a className="btn btn--small" href={pathOf('conversations', call.conversation_id)} onClick={(e) => { e.preventDefault(); navigate(pathOf('conversations', call.conversation_id)); }}>
              <Icon name="chat" size={15} /><span>{t('records.openConversation')}</span>
            </a>
          ) : null}
          <button
            type="button"
            className="btn btn--small btn--accept"
            onClick={() => void callback()}
            disabled={!call.contact_id || onCall || calling}
            title={!call.contact_id ? t('records.callbackNoContact') : onCall ? t('permission.reason.onCall') : t('records.callbackHelp', { number: call.customer_number })}
            data-testid="callback"
          >
            <Icon name="phoneOutgoing" size={15} /><span>{calling ? t('widget.calling') : t('records.callback')}</span>
          </button>
        </div>
      </header>
      <RefusalNote refusal={refusal} onClose={() => setRefusal(null)} />

      <div className="record__grid">
        <section className="card" aria-labelledby="record-fields">
          <h3 id="record-fields" className="card__title">{t('records.details')}</h3>
          <dl className="fields">
            {fields.map((f) => (
              <div key={f.label}>
                <dt>{t(f.label)}</dt>
                <dd className={f.mono ? 'mono' : undefined}>{f.value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="card__subtitle">{t('records.recording')}</h3>
          {call.has_recording ? (
            <audio controls preload="metadata" src={call.recording_url ?? `/api/calls/${call.id}/recording`} className="record__audio" data-testid="recording" aria-label={t('records.recording')} />
          ) : <p className="muted">{t('records.noRecording')}</p>}
        </section>

        <section className="card" aria-labelledby="record-journey">
          <h3 id="record-journey" className="card__title">{t('records.journey')}</h3>
          {journey.length === 0 ? <p className="muted">{t('records.noJourney')}</p> : (
            <ol className="journey" data-testid="journey">
              {journey.map((j) => (
                <li key={j.id} className={`journey__item journey__item--${j.tone}`}>
                  <time className="journey__time mono" title={j.full} dateTime={j.full}>{j.time}</time>
                  <div>
                    <span className="journey__title">{j.title}</span> <span className="journey__offset mono">{j.offset}</span>
                    <p className="journey__text">{j.description}</p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="card card--wide" aria-labelledby="record-business">
          <h3 id="record-business" className="card__title">{t('record.title')}</h3>
          <BusinessRecordPanel callId={call.id} channelId={call.channel_id} />
        </section>
      </div>
    </div>
  );
}
