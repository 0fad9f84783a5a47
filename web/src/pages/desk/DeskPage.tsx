import { useEffect, useState } from 'react';
import { callActions } from '../../actions/call-actions.js';
import { formatShortcut, parseShortcut } from '../../actions/shortcut.js';
import type { CallRecord } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { useRuntime, useRuntimeStore, useTimeFormat } from '../../app/runtime-context.js';
import { isMac } from '../../app/use-actions.js';
import type { useReadiness } from '../../app/use-readiness.js';
import { ReadinessCard } from '../../components/ReadinessCard.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { recentCallRows } from '../../viewmodels/recent-calls.js';
import { pathOf } from '../../viewmodels/routes.js';
import { statusSwitchModel } from '../../viewmodels/status-switch.js';

/** The agent's home: readiness, status, auto-answer, shortcuts and their recent calls. */
export function DeskPage({ readiness }: { readiness: ReturnType<typeof useReadiness> }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const fmt = useTimeFormat();
  const user = useRuntimeStore((r) => r.user);
  const presence = useRuntimeStore((r) => r.desk, (s) => s.presence);
  const callStatus = useRuntimeStore((r) => r.desk, (s) => s.call?.status ?? null);
  const reasons = useRuntimeStore((r) => r.reference, (d) => d.pauseReasons);
  const forced = useRuntimeStore((r) => r.reference, (d) => d.settings?.force_auto_answer ?? false);
  const [calls, setCalls] = useState<CallRecord[] | null>(null);
  const status = statusSwitchModel(presence, reasons, t);

  useEffect(() => {
    let live = true;
    runtime.api.calls({ agent_id: user.id, limit: 8 }).then((p) => live && setCalls(p.items), () => live && setCalls([]));
    return () => {
      live = false;
    };
  }, [runtime, user.id, callStatus]);

  const rows = recentCallRows(calls ?? [], fmt, t);
  return (
    <div className="page page--desk">
      <section className="hero">
        <div>
          <h2 className="hero__title">{t('desk.hello', { name: user.name.split(' ')[0] ?? user.name })}</h2>
          <p className="hero__lead">
            <span className={`dot dot--${status.tone}`} aria-hidden="true" /> {t('desk.statusLine', { status: status.label })}{' '}
            {status.tone === 'available' ? t('desk.receiving') : status.busy ? '' : t('desk.notReceiving')}
          </p>
        </div>
        {presence?.status !== 'available' && !status.busy ? (
          <button type="button" className="btn btn--primary" onClick={() => void runtime.setPresence('available', null)}>{t('desk.goAvailable')}</button>
        ) : null}
      </section>

      <div className="grid">
        <ReadinessCard input={readiness.input} ask={readiness.ask} />

        <section className="card" aria-labelledby="calls-settings-title">
          <h2 id="calls-settings-title" className="card__title">{t('desk.callsTitle')}</h2>
          <label className="switch">
            <input
              type="checkbox"
              checked={forced || user.auto_answer}
              disabled={forced}
              onChange={(e) => void runtime.setAutoAnswer(e.target.checked)}
            />
            <span className="switch__track" aria-hidden="true" />
            <span>
              <span className="switch__label">{t('desk.autoAnswer')}</span>
              <span className="switch__help">{forced ? t('desk.autoAnswerForced') : t('desk.autoAnswerHelp')}</span>
            </span>
          </label>
          <h3 className="card__subtitle">{t('desk.shortcuts')}</h3>
          <dl className="shortcuts">
            {callActions.filter((a) => a.shortcut).map((a) => (
              <div key={a.id}>
                <dt><kbd>{formatShortcut(parseShortcut(a.shortcut!), isMac)}</kbd></dt>
                <dd>{t(typeof a.label === 'function' ? 'action.muteToggle' : a.label)}</dd>
              </div>
            ))}
            <div>
              <dt><kbd>{formatShortcut(parseShortcut('Mod+K'), isMac)}</kbd></dt>
              <dd>{t('action.palette')}</dd>
            </div>
          </dl>
        </section>

        <section className="card card--wide" aria-labelledby="recent-title">
          <h2 id="recent-title" className="card__title">{t('desk.recent')}</h2>
          {calls === null ? <p className="muted">{t('common.loading')}</p> : rows.length === 0 ? <p className="muted">{t('desk.noCalls')}</p> : (
            <div className="table-wrap">
              <table className="table" data-testid="recent-calls">
                <thead>
                  <tr>
                    <th scope="col">{t('calls.when')}</th>
                    <th scope="col">{t('calls.customer')}</th>
                    <th scope="col">{t('calls.direction')}</th>
                    <th scope="col">{t('calls.result')}</th>
                    <th scope="col" className="num">{t('calls.duration')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} data-call-id={r.id} className="table__link" onClick={() => navigate(pathOf('records', r.id))}>
                      <td>{r.when}</td>
                      <td>
                        <a href={pathOf('records', r.id)} onClick={(e) => { e.preventDefault(); navigate(pathOf('records', r.id)); }}>{r.customer}</a>
                      </td>
                      <td>{r.direction}</td>
                      <td><span className={`pill pill--${r.tone}`}>{r.result}</span></td>
                      <td className="num mono">{r.duration}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
