import { useState } from 'react';
import type { MonitorMode } from '../../api/supervisor-api.js';
import { navigate } from '../../app/router.js';
import { useNow, useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { Dialog } from '../../components/Dialog.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pathOf } from '../../viewmodels/routes.js';
import { wallboardModel, type LiveRow } from '../../viewmodels/wallboard.js';
import { AgentStatusSelect } from './AgentStatusSelect.js';
import { useWallboard } from './use-wallboard.js';

const monitorModes: { mode: MonitorMode; icon: 'headphones' | 'mic' | 'phone' }[] = [
  { mode: 'listen', icon: 'headphones' },
  { mode: 'whisper', icon: 'mic' },
  { mode: 'barge', icon: 'phone' },
];

/** Supervisors' live view: agents by status, calls waiting and in progress, today's figures; listen in on a call. */
export function WallboardPage() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const now = useNow(1_000);
  const state = useWallboard();
  const threshold = useRuntimeStore((r) => r.reference, (d) => (d.settings as { service_level_threshold_s?: number } | null)?.service_level_threshold_s ?? 20);
  const monitoring = useRuntimeStore((r) => r.monitor);
  const [ending, setEnding] = useState<LiveRow | null>(null);
  const m = wallboardModel(state, now, t, { serviceLevelThresholdS: threshold });

  const listen = (row: LiveRow, mode: MonitorMode) => void runtime.supervise.monitor(row.id, mode, { agentName: row.agent, customer: row.customer });
  const hangup = async (row: LiveRow) => {
    setEnding(null);
    try {
      await runtime.api.callAction(row.id, 'hangup');
    } catch (e) {
      runtime.refuse(e);
    }
  };

  return (
    <div className="page page--wide wallboard" data-testid="wallboard" aria-busy={m.loading}>
      <section className="kpis" aria-label={t('wallboard.today')}>
        {m.kpis.map((k) => (
          <div key={k.id} className={`kpi kpi--${k.tone}`} data-kpi={k.id}>
            <span className="kpi__label">{k.label}</span>
            <span className="kpi__value">{k.value}</span>
            {k.hint ? <span className="kpi__hint">{k.hint}</span> : null}
          </div>
        ))}
      </section>

      <section className="status-strip" aria-label={t('wallboard.agentsByStatus')}>
        {m.statuses.map((s) => (
          <div key={s.status} className="status-strip__item" data-status={s.status}>
            <span className={`dot dot--${s.tone}`} aria-hidden="true" />
            <span className="status-strip__label">{s.label}</span>
            <span className="status-strip__count">{s.count}</span>
          </div>
        ))}
      </section>

      <div className="wall-grid">
        <section className="card" aria-labelledby="wb-waiting">
          <h2 id="wb-waiting" className="card__title">{t('wallboard.waiting')} <span className="tabs__count">{m.waiting.length}</span></h2>
          {m.waiting.length === 0 ? <p className="muted">{t('wallboard.noneWaiting')}</p> : (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="waiting-calls">
                <thead><tr><th scope="col">{t('calls.customer')}</th><th scope="col">{t('records.channel')}</th><th scope="col">{t('records.group')}</th><th scope="col" className="num">{t('wallboard.wait')}</th></tr></thead>
                <tbody>
                  {m.waiting.map((w) => (
                    <tr key={w.id} data-call-id={w.id} className={w.late ? 'is-late' : undefined}>
                      <td>{w.customer}</td><td>{w.channel}</td><td>{w.group}</td><td className="num mono">{w.wait}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="wb-live">
          <h2 id="wb-live" className="card__title">{t('wallboard.inProgress')} <span className="tabs__count">{m.live.length}</span></h2>
          {m.live.length === 0 ? <p className="muted">{t('wallboard.noneLive')}</p> : (
            <ul className="live-calls" data-testid="live-calls">
              {m.live.map((c) => {
                const mine = monitoring?.callId === c.id;
                return (
                  <li key={c.id} className="live-call" data-call-id={c.id}>
                    <div className="live-call__main">
                      <span className={`dot dot--${c.tone === 'live' ? 'live' : c.tone === 'hold' ? 'hold' : 'pending'}`} aria-hidden="true" />
                      <div className="live-call__who">
                        <a href={pathOf('records', c.id)} onClick={(e) => { e.preventDefault(); navigate(pathOf('records', c.id)); }} className="live-call__customer">{c.customer}</a>
                        <span className="live-call__sub">{t('wallboard.withAgent', { agent: c.agent })} · {c.channel} · {c.direction}</span>
                      </div>
                      <div className="live-call__state">
                        <span>{c.status}</span>
                        <span className="mono">{c.talk}</span>
                      </div>
                    </div>
                    <div className="live-call__actions" role="group" aria-label={t('wallboard.monitorFor', { customer: c.customer })}>
                      {monitorModes.map(({ mode, icon }) => (
                        <button
                          key={mode}
                          type="button"
                          className="btn btn--small"
                          disabled={!c.monitorable}
                          aria-pressed={mine && monitoring?.mode === mode}
                          onClick={() => listen(c, mode)}
                          title={t(`monitor.${mode}Help`)}
                        >
                          <Icon name={icon} size={15} /><span>{t(`monitor.${mode}`)}</span>
                        </button>
                      ))}
                      <button type="button" className="btn btn--small btn--ghost live-call__end" onClick={() => setEnding(c)}>
                        <Icon name="phoneOff" size={15} /><span>{t('wallboard.endCall')}</span>
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section className="card card--wide" aria-labelledby="wb-agents">
          <h2 id="wb-agents" className="card__title">{t('wallboard.agents')}</h2>
          {m.agents.length === 0 ? <p className="muted">{m.loading ? t('common.loading') : t('wallboard.noAgents')}</p> : (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="agents">
                <thead>
                  <tr>
                    <th scope="col">{t('wallboard.agent')}</th><th scope="col">{t('wallboard.status')}</th><th scope="col" className="num">{t('wallboard.inStatus')}</th>
                    <th scope="col">{t('wallboard.onCallWith')}</th><th scope="col">{t('wallboard.setStatus')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.agents.map((a) => (
                    <tr key={a.id} data-user-id={a.id} data-status={a.effective}>
                      <td>{a.name}</td>
                      <td><span className={`dot dot--${a.tone}`} aria-hidden="true" /> {a.status}</td>
                      <td className="num mono">{a.inStatus}</td>
                      <td>{a.withCustomer ?? ''}</td>
                      <td><AgentStatusSelect userId={a.id} name={a.name} agent={state.agents.find((x) => x.userId === a.id)!} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      {ending ? (
        <Dialog
          title={t('wallboard.endCallTitle')}
          onClose={() => setEnding(null)}
          footer={(
            <>
              <button type="button" className="btn" onClick={() => setEnding(null)}>{t('common.cancel')}</button>
              <button type="button" className="btn btn--danger" onClick={() => void hangup(ending)}>{t('wallboard.endCall')}</button>
            </>
          )}
        >
          <p>{t('wallboard.endCallBody', { customer: ending.customer, agent: ending.agent })}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
