import type { EffectiveStatus, PauseReason, Presence, PresenceStatus } from '../api/types.js';
import type { Translate } from '../i18n/translate.js';

export interface StatusOption {
  /** `available`, `after_call_work`, `offline`, or `paused:<reason id>`. */
  value: string;
  label: string;
  status: PresenceStatus;
  pauseReasonId: string | null;
  tone: StatusTone;
}

export type StatusTone = 'available' | 'busy' | 'paused' | 'wrapup' | 'offline';

export interface StatusSwitchModel {
  value: string;
  label: string;
  tone: StatusTone;
  /** On a call, the status shows "On a call" but the choice still applies after it. */
  busy: boolean;
  options: StatusOption[];
}

const toneOf = (s: EffectiveStatus): StatusTone =>
  s === 'available' ? 'available' : s === 'busy' ? 'busy' : s === 'paused' ? 'paused' : s === 'after_call_work' ? 'wrapup' : 'offline';

export const statusValue = (status: PresenceStatus, pauseReasonId: string | null): string =>
  status === 'paused' && pauseReasonId ? `paused:${pauseReasonId}` : status;

/** Parses a select value back into a status change. */
export function parseStatusValue(value: string): { status: PresenceStatus; pauseReasonId: string | null } | null {
  if (value.startsWith('paused:')) return { status: 'paused', pauseReasonId: value.slice('paused:'.length) || null };
  if (value === 'available' || value === 'after_call_work' || value === 'offline') return { status: value, pauseReasonId: null };
  return null;
}

/**
 * The status switch in the top bar: the agent's status and the statuses they may choose. Pause
 * reasons the system applies (missed calls, disposition) are shown when set but not offered.
 */
export function statusSwitchModel(presence: Presence | null, reasons: readonly PauseReason[], t: Translate): StatusSwitchModel {
  const chosen = reasons.filter((r) => !r.system_key);
  const options: StatusOption[] = [
    { value: 'available', label: t('status.available'), status: 'available', pauseReasonId: null, tone: 'available' },
    ...chosen.map((r) => ({ value: `paused:${r.id}`, label: t('status.pausedWith', { reason: r.name }), status: 'paused' as const, pauseReasonId: r.id, tone: 'paused' as const })),
    { value: 'after_call_work', label: t('status.after_call_work'), status: 'after_call_work', pauseReasonId: null, tone: 'wrapup' },
    { value: 'offline', label: t('status.offline'), status: 'offline', pauseReasonId: null, tone: 'offline' },
  ];
  if (!presence) return { value: 'offline', label: t('status.offline'), tone: 'offline', busy: false, options };
  const value = statusValue(presence.status, presence.pause_reason_id);
  if (presence.status === 'paused' && !options.some((o) => o.value === value)) {
    const name = presence.pause_reason ?? reasons.find((r) => r.id === presence.pause_reason_id)?.name ?? t('status.paused');
    options.splice(1, 0, { value, label: t('status.pausedWith', { reason: name }), status: 'paused', pauseReasonId: presence.pause_reason_id, tone: 'paused' });
  }
  const busy = presence.effective_status === 'busy';
  const label = busy ? t('status.busy') : (options.find((o) => o.value === value)?.label ?? t(`status.${presence.status}`));
  return { value, label, tone: toneOf(presence.effective_status), busy, options };
}
