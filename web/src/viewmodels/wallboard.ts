import type { EffectiveStatus } from '../api/types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { isWaiting, type WallAgent, type WallCall, type WallboardState } from '../state/wallboard-state.js';
import { formatDuration, secondsSince } from './format-duration.js';
import type { StatusTone } from './status-switch.js';

export const statusOrder: readonly EffectiveStatus[] = ['available', 'busy', 'after_call_work', 'paused', 'offline'];

const toneOf: Record<EffectiveStatus, StatusTone> = { available: 'available', busy: 'busy', after_call_work: 'wrapup', paused: 'paused', offline: 'offline' };

export interface StatusTile {
  status: EffectiveStatus;
  label: string;
  tone: StatusTone;
  count: number;
}

export interface AgentRow {
  id: string;
  name: string;
  status: string;
  tone: StatusTone;
  effective: EffectiveStatus;
  /** Time in the current status, `HH:mm:ss`. */
  inStatus: string;
  callId: string | null;
  /** Who the agent is talking to, when on a call shown on the board. */
  withCustomer: string | null;
}

export interface WaitingRow {
  id: string;
  customer: string;
  channel: string;
  group: string;
  wait: string;
  waitSeconds: number;
  /** Waiting longer than the service-level threshold. */
  late: boolean;
}

export interface LiveRow {
  id: string;
  customer: string;
  agent: string;
  agentId: string | null;
  channel: string;
  direction: string;
  status: string;
  tone: 'live' | 'hold' | 'pending';
  talk: string;
  /** Listen, whisper and barge work on connected calls (on hold too). */
  monitorable: boolean;
}

export interface KpiTile {
  id: 'answered' | 'unanswered' | 'abandoned' | 'service_level' | 'asa' | 'waiting' | 'longest_wait';
  label: string;
  value: string;
  hint: string | null;
  tone: 'ok' | 'warn' | 'bad' | 'plain';
}

export interface WallboardModel {
  loading: boolean;
  statuses: StatusTile[];
  agents: AgentRow[];
  waiting: WaitingRow[];
  live: LiveRow[];
  kpis: KpiTile[];
}

const customerOf = (c: WallCall): string =>
  c.contactName && c.customerNumber ? `${c.contactName} (${c.customerNumber})` : c.contactName ?? c.customerNumber ?? '—';

const statusLabel = (a: WallAgent, t: Translate): string => {
  if (a.effective === 'busy') return t('status.busy');
  if (a.effective === 'paused') return a.pauseReason ? t('status.pausedWith', { reason: a.pauseReason }) : t('status.paused');
  return t(`status.${a.effective}` as MessageKey);
};

const liveStatus = (c: WallCall, t: Translate): { label: string; tone: LiveRow['tone'] } => {
  switch (c.status) {
    case 'connected':
      return { label: t('widget.inCall'), tone: 'live' };
    case 'on_hold':
      return { label: t('widget.onHold'), tone: 'hold' };
    case 'dialing':
    case 'ringing':
      return { label: t('widget.ringingCustomer'), tone: 'pending' };
    case 'voicemail':
      return { label: t('widget.voicemail'), tone: 'pending' };
    default:
      return { label: c.status, tone: 'pending' };
  }
};

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v)}%`);

/**
 * What the supervisors' wallboard shows at `now` (browser clock; the board corrects it by the
 * server's skew): agents by status with time in status, calls waiting (longest first) and in
 * progress, and today's figures.
 */
export function wallboardModel(s: WallboardState, now: number, t: Translate, opts: { serviceLevelThresholdS: number }): WallboardModel {
  const serverNow = now + s.skewMs;
  const threshold = s.today?.service_level_threshold_s ?? opts.serviceLevelThresholdS;
  const calls = new Map(s.calls.map((c) => [c.id, c]));

  const statuses = statusOrder.map((status) => ({
    status, label: status === 'busy' ? t('status.busy') : t(`status.${status}` as MessageKey), tone: toneOf[status],
    count: s.agents.filter((a) => a.effective === status).length,
  }));

  const agents = [...s.agents]
    .sort((a, b) => statusOrder.indexOf(a.effective) - statusOrder.indexOf(b.effective) || a.name.localeCompare(b.name))
    .map((a): AgentRow => {
      const call = a.callId ? calls.get(a.callId) : undefined;
      return {
        id: a.userId, name: a.name, status: statusLabel(a, t), tone: toneOf[a.effective], effective: a.effective,
        inStatus: formatDuration(secondsSince(a.since, serverNow)), callId: a.callId, withCustomer: call ? customerOf(call) : null,
      };
    });

  const waiting = s.calls.filter(isWaiting)
    .map((c): WaitingRow => {
      const w = secondsSince(c.offeredAt, serverNow);
      return { id: c.id, customer: customerOf(c), channel: c.channelName ?? '—', group: c.groupName ?? '—', wait: formatDuration(w), waitSeconds: w, late: w > threshold };
    })
    .sort((a, b) => b.waitSeconds - a.waitSeconds);

  const answered = (c: WallCall) => (c.answeredAt ? Date.parse(c.answeredAt) : Number.POSITIVE_INFINITY);
  const live = s.calls.filter((c) => !isWaiting(c))
    .sort((a, b) => answered(a) - answered(b))
    .map((c): LiveRow => {
      const st = liveStatus(c, t);
      return {
        id: c.id, customer: customerOf(c), agent: c.agentName ?? '—', agentId: c.agentId, channel: c.channelName ?? '—',
        direction: c.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound'), status: st.label, tone: st.tone,
        talk: c.answeredAt ? formatDuration(secondsSince(c.answeredAt, serverNow)) : '—',
        monitorable: c.status === 'connected' || c.status === 'on_hold',
      };
    });

  const d = s.today;
  const sl = d?.service_level_pct ?? null;
  const kpis: KpiTile[] = [
    { id: 'answered', label: t('wallboard.answered'), value: d ? String(d.answered) : '—', hint: d ? t('wallboard.offered', { count: d.offered }) : null, tone: 'plain' },
    { id: 'unanswered', label: t('wallboard.unanswered'), value: d ? String(d.unanswered) : '—', hint: d && d.voicemail > 0 ? t('wallboard.voicemails', { count: d.voicemail }) : null, tone: d && d.unanswered > 0 ? 'warn' : 'plain' },
    { id: 'abandoned', label: t('wallboard.abandoned'), value: d ? String(d.abandoned) : '—', hint: d ? t('wallboard.abandonRate', { value: pct(d.abandonment_rate_pct) }) : null, tone: d && d.abandoned > 0 ? 'warn' : 'plain' },
    {
      id: 'service_level', label: t('wallboard.serviceLevel'), value: pct(sl), hint: t('wallboard.serviceLevelHint', { seconds: threshold }),
      tone: sl === null ? 'plain' : sl >= 80 ? 'ok' : sl >= 60 ? 'warn' : 'bad',
    },
    { id: 'asa', label: t('wallboard.asa'), value: d?.asa_seconds !== null && d?.asa_seconds !== undefined ? formatDuration(d.asa_seconds) : '—', hint: null, tone: 'plain' },
    { id: 'waiting', label: t('wallboard.waitingNow'), value: String(waiting.length), hint: null, tone: waiting.some((w) => w.late) ? 'bad' : waiting.length > 0 ? 'warn' : 'plain' },
    { id: 'longest_wait', label: t('wallboard.longestWait'), value: waiting[0]?.wait ?? '—', hint: null, tone: waiting[0]?.late ? 'bad' : 'plain' },
  ];

  return { loading: s.source === null, statuses, agents, waiting, live, kpis };
}
