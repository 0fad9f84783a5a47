import type { Message } from '../api/types.js';
import type { Translate } from '../i18n/translate.js';
import { formatDuration } from './format-duration.js';
import { dayKey, formatClock, formatDateTime, formatDay, type TimeFormat } from './format-time.js';

export type TimelineItem =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; id: string; side: 'in' | 'out'; text: string; time: string; status: string | null }
  | { kind: 'call'; key: string; id: string; text: string; time: string; tone: 'ok' | 'missed' | 'info'; callId: string | null }
  | { kind: 'event'; key: string; id: string; text: string; time: string; tone: 'ok' | 'missed' | 'info' }
  | { kind: 'invite'; key: string; id: string; text: string; note: string; time: string; status: string | null };

function callText(m: Message, t: Translate): { text: string; tone: 'ok' | 'missed' | 'info' } {
  const d = m.data as { result?: string; talk_seconds?: number | null; direction?: string; duration?: string };
  switch (d.result) {
    case 'answered':
      return { text: t('timeline.callEnded', { duration: d.duration ?? formatDuration(d.talk_seconds ?? 0) }), tone: 'ok' };
    case 'user_abandon':
      return { text: t('timeline.callAbandoned'), tone: 'missed' };
    case 'rejected':
      return { text: d.direction === 'outbound' ? t('timeline.callRejectedByCustomer') : t('timeline.callDeclined'), tone: 'missed' };
    case 'missed':
    case 'unanswered':
      return { text: d.direction === 'outbound' ? t('timeline.callUnansweredByCustomer') : t('timeline.callMissed'), tone: 'missed' };
    case 'voicemail':
      return { text: t('timeline.voicemail'), tone: 'info' };
    case 'failed':
      return { text: t('timeline.callFailed'), tone: 'missed' };
    default:
      return { text: m.body ?? t('timeline.call'), tone: 'info' };
  }
}

function messageText(m: Message, t: Translate): string {
  if (m.body) return m.body;
  switch (m.type) {
    case 'audio':
    case 'voice':
      return t('timeline.voiceNote');
    case 'image':
      return t('timeline.image');
    default:
      return t('timeline.unsupported', { type: m.type });
  }
}

/** The customer's answer to a call invitation (or WhatsApp's automatic grant or withdrawal). */
function permissionReply(m: Message, f: TimeFormat, t: Translate): { text: string; tone: 'ok' | 'missed' | 'info' } {
  const d = m.data as { answer?: string; source?: string; expires_at?: string | null };
  const automatic = d.source === 'automatic';
  switch (d.answer) {
    case 'permanent':
      return { text: t('timeline.permissionPermanent'), tone: 'ok' };
    case 'temporary': {
      const until = d.expires_at ? formatDateTime(d.expires_at, f) : null;
      const text = until ? t(automatic ? 'timeline.permissionAutomatic' : 'timeline.permissionTemporary', { until }) : t('timeline.permissionAccepted');
      return { text, tone: 'ok' };
    }
    case 'deny':
      return { text: automatic ? t('timeline.permissionRevoked') : t('timeline.permissionDeclined'), tone: 'missed' };
    default:
      return { text: m.body ?? t('timeline.permissionReply'), tone: 'info' };
  }
}

/** One line for the room list: what the newest message says, in the user's language. */
export function messagePreview(m: Message, f: TimeFormat, t: Translate): string {
  const item = timelineItems([m], f, t).find((i) => i.kind !== 'day');
  return item && 'text' in item ? item.text : (m.body ?? '');
}

/** The room's timeline: messages, call events and day separators, in time order and the user's time zone. */
export function timelineItems(messages: readonly Message[], f: TimeFormat, t: Translate): TimelineItem[] {
  const out: TimelineItem[] = [];
  let day = '';
  const sorted = [...messages].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
  for (const m of sorted) {
    const k = dayKey(m.created_at, f);
    if (k !== day) {
      day = k;
      out.push({ kind: 'day', key: `day-${k}`, label: formatDay(m.created_at, f) });
    }
    const time = formatClock(m.created_at, f);
    if (m.type === 'call') {
      out.push({ kind: 'call', key: m.id, id: m.id, time, callId: m.call_id, ...callText(m, t) });
    } else if (m.type === 'call_permission_reply') {
      out.push({ kind: 'event', key: m.id, id: m.id, time, ...permissionReply(m, f, t) });
    } else if (m.type === 'call_permission_request') {
      const d = m.data as { expires_at?: string; automatic?: boolean };
      const note = d.automatic ? t('timeline.inviteAutomatic') : t('timeline.invite');
      out.push({
        kind: 'invite', key: m.id, id: m.id, text: m.body ?? '', time, status: m.status ?? null,
        note: d.expires_at ? `${note} · ${t('timeline.inviteExpires', { at: formatDateTime(d.expires_at, f) })}` : note,
      });
    } else if (m.type === 'call_permission_request_closed') {
      const reason = (m.data as { reason?: string }).reason;
      out.push({ kind: 'event', key: m.id, id: m.id, time, tone: 'info', text: reason === 'expired' ? t('timeline.inviteExpired') : t('timeline.inviteClosed') });
    } else if (m.direction === 'system') {
      out.push({ kind: 'event', key: m.id, id: m.id, text: m.body ?? m.type, time, tone: 'info' });
    } else {
      out.push({ kind: 'message', key: m.id, id: m.id, side: m.direction, text: messageText(m, t), time, status: m.direction === 'out' ? (m.status ?? null) : null });
    }
  }
  return out;
}
