import type { PresenceStatus } from '../../api/types.js';
import { useState } from 'react';
import { useRuntime, useRuntimeStore } from '../../app/runtime-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { WallAgent } from '../../state/wallboard-state.js';
import { parseStatusValue, statusSwitchModel } from '../../viewmodels/status-switch.js';

/** A supervisor sets an agent's status (`PUT /api/users/:id/presence`); the board follows the event. */
export function AgentStatusSelect({ userId, name, agent }: { userId: string; name: string; agent: WallAgent }) {
  const runtime = useRuntime();
  const { t } = useI18n();
  const reasons = useRuntimeStore((r) => r.reference, (d) => d.pauseReasons);
  const [busy, setBusy] = useState(false);
  const reasonId = agent.status === 'paused' ? reasons.find((r) => r.name === agent.pauseReason)?.id ?? null : null;
  const m = statusSwitchModel({
    user_id: userId, status: agent.status as PresenceStatus, effective_status: agent.effective, pause_reason_id: reasonId, pause_reason: agent.pauseReason,
    status_since: agent.since, current_call_id: agent.callId, busy_since: null, signed_in: true,
  }, reasons, t);
  return (
    <select
      className="select--small"
      value={m.value}
      disabled={busy}
      aria-label={t('wallboard.setStatusOf', { name })}
      onChange={(e) => {
        const v = parseStatusValue(e.target.value);
        if (!v) return;
        setBusy(true);
        runtime.api.setUserPresence(userId, v.status, v.pauseReasonId).catch((err: unknown) => runtime.refuse(err)).finally(() => setBusy(false));
      }}
    >
      {m.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}
