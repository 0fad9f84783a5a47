import type { MonitorMode } from '../api/supervisor-api.js';
import { useNow, useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDuration } from '../viewmodels/format-duration.js';
import { RemoteAudio } from './CallAudioElements.js';
import { Icon } from './Icon.js';

const modes: MonitorMode[] = ['listen', 'whisper', 'barge'];

/** While a supervisor monitors a call: who, for how long, the mode (listen / whisper / barge) and Stop. Plays the call. */
export function MonitorBar() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const session = useRuntimeStore((r) => r.monitor);
  const streams = useRuntimeStore((r) => r.monitorStreams);
  const now = useNow(1_000);
  if (!session) return null;
  const phase = session.phase === 'live' ? t(`monitor.phase.${session.mode}`) : t('monitor.connecting');
  return (
    <section className={`monitor-bar monitor-bar--${session.mode}`} aria-label={t('monitor.region')} data-testid="monitor-bar" data-phase={session.phase} data-mode={session.mode}>
      <span className={`dot dot--${session.phase === 'live' ? 'live' : 'pending'}`} aria-hidden="true" />
      <div className="monitor-bar__text">
        <strong role="status" data-testid="monitor-status">{phase}</strong>
        <span>{t('monitor.who', { agent: session.agentName ?? '—', customer: session.customer ?? '—' })}</span>
      </div>
      <span className="mono monitor-bar__timer">{formatDuration((now - session.startedAt) / 1000)}</span>
      <div className="monitor-bar__modes" role="radiogroup" aria-label={t('monitor.mode')}>
        {modes.map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={session.mode === mode}
            className={`btn btn--small${session.mode === mode ? ' is-active' : ''}`}
            title={t(`monitor.${mode}Help`)}
            onClick={() => session.mode !== mode && void runtime.supervise.monitor(session.callId, mode, { agentName: session.agentName, customer: session.customer })}
          >
            {t(`monitor.${mode}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn--small btn--danger" onClick={() => void runtime.supervise.stopMonitoring()}>
        <Icon name="x" size={15} /><span>{t('monitor.stop')}</span>
      </button>
      <div hidden>{streams.map((s, i) => <RemoteAudio key={s.id} stream={s} index={i} kind="monitor" />)}</div>
    </section>
  );
}
