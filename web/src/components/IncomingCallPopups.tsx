import { useNow, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { incomingCallPopups } from '../viewmodels/incoming-call-popup.js';
import { ActionButton } from './ActionButton.js';
import { Icon } from './Icon.js';

/** The incoming-call popups, top right: who calls, on which number, how long it still rings. */
export function IncomingCallPopups() {
  const { t } = useI18n();
  const offers = useRuntimeStore((r) => r.desk, (s) => s.offers);
  const now = useNow(250);
  const popups = incomingCallPopups(offers, now, t);
  if (popups.length === 0) return null;
  return (
    <section className="popups" aria-label={t('popup.region')}>
      {popups.map((p) => (
        <article
          key={p.callId}
          className={`popup${p.ringing ? ' popup--ringing' : ' popup--closed'}`}
          role={p.ringing ? 'alertdialog' : 'status'}
          aria-live="assertive"
          aria-labelledby={`popup-title-${p.callId}`}
          data-call-id={p.callId}
        >
          <div className="popup__head">
            <span className="popup__badge"><Icon name="phone" size={16} /></span>
            <div className="popup__who">
              <div className="popup__label">{t('popup.incoming')}</div>
              <h2 id={`popup-title-${p.callId}`} className="popup__title">{p.title}</h2>
              {p.ani ? <div className="popup__ani">{p.ani}</div> : null}
            </div>
          </div>
          <div className="popup__channel"><Icon name="chat" size={14} /> {p.channel}</div>
          <div className="popup__status" data-testid="popup-status">{p.status}</div>
          {p.ringing ? (
            <>
              <div className="popup__bar" aria-hidden="true"><span style={{ transform: `scaleX(${p.progress})` }} /></div>
              <div className="popup__actions">
                <ActionButton id="call.decline" target={p.callId} icon="phoneOff" variant="danger" />
                <ActionButton id="call.accept" target={p.callId} icon="phone" variant="accept" />
              </div>
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}
