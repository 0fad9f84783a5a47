import { useI18n } from '../i18n/i18n-context.js';
import { readinessModel, type ReadinessInput } from '../viewmodels/readiness.js';
import { Icon } from './Icon.js';

/** The sign-in check: which browser permission the desk still needs, with a button to ask for it. */
export function ReadinessCard({ input, ask, compact = false }: {
  input: ReadinessInput | null;
  ask: (id: 'microphone' | 'notifications' | 'sound') => Promise<void>;
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (!input) return null;
  const m = readinessModel(input, t);
  if (compact) {
    if (m.ready) return null;
    const first = m.items.find((i) => !i.ok && i.canAsk);
    return (
      <div className="banner banner--warning" role="status" data-testid="readiness-banner">
        <Icon name="alert" />
        <span>{m.summary}</span>
        {first ? <button type="button" className="btn btn--ghost btn--small" onClick={() => void ask(first.id)}>{t('ready.fix', { what: first.label.toLowerCase() })}</button> : null}
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="readiness-title">
      <h2 id="readiness-title" className="card__title">{t('ready.title')}</h2>
      <p className={`card__lead${m.ready ? ' text-ok' : ' text-warn'}`}>{m.summary}</p>
      <ul className="checklist">
        {m.items.map((i) => (
          <li key={i.id} className={i.ok ? 'is-ok' : 'is-missing'} data-check={i.id} data-ok={i.ok}>
            <span className="checklist__icon"><Icon name={i.ok ? 'check' : 'alert'} size={16} /></span>
            <div>
              <div className="checklist__label">{i.label}</div>
              {i.help ? <div className="checklist__help">{i.help}</div> : null}
            </div>
            {i.canAsk ? <button type="button" className="btn btn--small" onClick={() => void ask(i.id)}>{t('ready.allow')}</button> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
