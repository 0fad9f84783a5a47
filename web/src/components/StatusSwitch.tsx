import { useRuntime, useRuntimeStore } from '../app/runtime-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { parseStatusValue, statusSwitchModel } from '../viewmodels/status-switch.js';

/** The agent's status, always in the top bar: available, paused with a reason, after-call work, offline. */
export function StatusSwitch() {
  const runtime = useRuntime();
  const { t } = useI18n();
  const presence = useRuntimeStore((r) => r.desk, (s) => s.presence);
  const reasons = useRuntimeStore((r) => r.reference, (d) => d.pauseReasons);
  const m = statusSwitchModel(presence, reasons, t);
  return (
    <label className={`status-switch status-switch--${m.tone}`} title={m.busy ? t('status.busyHint') : undefined}>
      <span className={`dot dot--${m.tone}`} aria-hidden="true" />
      <span className="sr-only">{t('status.label')}</span>
      {m.busy ? <span className="status-switch__busy">{t('status.busy')} · </span> : null}
      <select
        value={m.value}
        aria-label={t('status.label')}
        data-testid="status-switch"
        onChange={(e) => {
          const v = parseStatusValue(e.target.value);
          if (v) void runtime.setPresence(v.status, v.pauseReasonId);
        }}
      >
        {m.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}
