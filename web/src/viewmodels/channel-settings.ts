import type { ChannelDetail, ChannelHealth, IncomingTarget } from '../api/admin-types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';

export type CallingToggle = 'voice_calling_enabled' | 'inbound_enabled' | 'outbound_enabled' | 'transfer_enabled' | 'recording_enabled' | 'disposition_mandatory' | 'callback_permission_enabled';

/** The channel's on/off calling settings, in the order the console shows them. */
export const callingToggles: readonly CallingToggle[] = [
  'voice_calling_enabled', 'inbound_enabled', 'outbound_enabled', 'transfer_enabled', 'recording_enabled', 'disposition_mandatory', 'callback_permission_enabled',
];

/** Toggles that mean nothing while voice calling is off are shown greyed out. */
export const needsVoiceCalling = (k: CallingToggle): boolean => k !== 'voice_calling_enabled' && k !== 'disposition_mandatory' && k !== 'recording_enabled';

/**
 * Why voice calling could not be switched on (`CALLING_PREREQUISITES_MISSING` names the missing
 * pieces): each as a sentence saying what to set up, and where.
 */
export function missingPrerequisites(details: Record<string, unknown> | null | undefined, t: Translate): string[] {
  const missing = Array.isArray(details?.missing) ? (details.missing as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const known: Record<string, MessageKey> = { voice_rates: 'channel.missing.voice_rates', voice_balance: 'channel.missing.voice_balance' };
  const list = missing.map((m) => (known[m] ? t(known[m]) : m));
  return list.length > 0 ? list : [t('channel.missing.voice_rates'), t('channel.missing.voice_balance')];
}

const rate = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);

export interface HealthView {
  rate7: string;
  rate30: string;
  calls7: string;
  calls30: string;
  /** Meta restricts inbound calling when the answer rate is low. */
  low: boolean;
  restrictions: { type: string; until: string | null; active: boolean }[];
  violations: { type: string; at: string }[];
}

/** The channel's calling health: answer rates over 7 and 30 days and what Meta reported, with expiries. */
export function healthView(h: ChannelHealth, fmt: (iso: string) => string, t: Translate): HealthView {
  const r7 = h.answer_rate_7d ?? h.calls_7d?.rate ?? null;
  return {
    rate7: rate(r7),
    rate30: rate(h.answer_rate_30d ?? h.calls_30d?.rate ?? null),
    calls7: h.calls_7d ? t('channel.health.calls', { answered: h.calls_7d.answered, received: h.calls_7d.received }) : '',
    calls30: h.calls_30d ? t('channel.health.calls', { answered: h.calls_30d.answered, received: h.calls_30d.received }) : '',
    low: r7 !== null && r7 < 0.5 && (h.calls_7d?.received ?? 0) >= 10,
    restrictions: (h.restrictions ?? []).map((r) => ({ type: r.type, until: r.expiration ? fmt(r.expiration) : null, active: r.active ?? true })),
    violations: (h.violations ?? []).map((v) => ({ type: v.type, at: fmt(v.reported_at) })),
  };
}

/** The incoming-route editor's state. */
export interface TargetDraft {
  type: 'none' | IncomingTarget['type'];
  agentGroupIds: string[];
  ringGroupId: string;
  flowId: string;
  url: string;
}

export function targetDraft(t: IncomingTarget | null): TargetDraft {
  const base: TargetDraft = { type: 'none', agentGroupIds: [], ringGroupId: '', flowId: '', url: '' };
  if (!t) return base;
  switch (t.type) {
    case 'agent_groups':
      return { ...base, type: t.type, agentGroupIds: [...t.agent_group_ids] };
    case 'ring_group':
      return { ...base, type: t.type, ringGroupId: t.ring_group_id };
    case 'flow':
      return { ...base, type: t.type, flowId: t.flow_id };
    case 'ai_agent':
      return { ...base, type: t.type, url: t.url };
  }
}

function isHttpUrl(s: string): boolean {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `incoming_target` to send, or why not. */
export function targetFromDraft(d: TargetDraft): { ok: true; value: IncomingTarget | null } | { ok: false; error: MessageKey } {
  switch (d.type) {
    case 'none':
      return { ok: true, value: null };
    case 'agent_groups':
      return d.agentGroupIds.length === 0 ? { ok: false, error: 'channel.target.error.groups' } : { ok: true, value: { type: 'agent_groups', agent_group_ids: d.agentGroupIds } };
    case 'ring_group':
      return d.ringGroupId ? { ok: true, value: { type: 'ring_group', ring_group_id: d.ringGroupId } } : { ok: false, error: 'channel.target.error.ringGroup' };
    case 'flow':
      return UUID.test(d.flowId.trim()) ? { ok: true, value: { type: 'flow', flow_id: d.flowId.trim() } } : { ok: false, error: 'channel.target.error.flow' };
    case 'ai_agent': {
      const url = d.url.trim();
      return isHttpUrl(url) ? { ok: true, value: { type: 'ai_agent', url } } : { ok: false, error: 'channel.target.error.url' };
    }
  }
}

/** A short line for the channel list: what is on. */
export function channelSummary(c: Pick<ChannelDetail, 'voice_calling_enabled' | 'inbound_enabled' | 'outbound_enabled'>, t: Translate): string {
  if (!c.voice_calling_enabled) return t('channel.summary.off');
  const parts = [c.inbound_enabled ? t('channel.summary.inbound') : null, c.outbound_enabled ? t('channel.summary.outbound') : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('channel.summary.noDirection');
}
