import type { JourneyEntry } from '../api/types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { formatDateTime, type TimeFormat } from './format-time.js';
import { wallTimeOf } from './zoned-time.js';

export type JourneyTone = 'route' | 'offer' | 'ok' | 'bad' | 'hold' | 'monitor' | 'media' | 'end' | 'info';

/** Journey codes the page names in the user's language (the server's sentence says the rest). */
const known: Record<string, { label: MessageKey; tone: JourneyTone }> = {
  received: { label: 'journey.received', tone: 'route' },
  routing: { label: 'journey.routed', tone: 'route' },
  routed: { label: 'journey.routed', tone: 'route' },
  queued: { label: 'journey.queued', tone: 'route' },
  waiting: { label: 'journey.queued', tone: 'route' },
  offered: { label: 'journey.offered', tone: 'offer' },
  answered: { label: 'journey.answered', tone: 'ok' },
  rejected: { label: 'journey.rejected', tone: 'bad' },
  missed: { label: 'journey.missed', tone: 'bad' },
  held: { label: 'journey.held', tone: 'hold' },
  resumed: { label: 'journey.resumed', tone: 'hold' },
  auto_retrieved: { label: 'journey.resumed', tone: 'hold' },
  transferred: { label: 'journey.transferred', tone: 'route' },
  dialing: { label: 'journey.dialing', tone: 'route' },
  provider_dialing: { label: 'journey.dialing', tone: 'route' },
  ringing: { label: 'journey.ringing', tone: 'offer' },
  voicemail: { label: 'journey.voicemail', tone: 'info' },
  recording_started: { label: 'journey.recording', tone: 'media' },
  monitor_listen: { label: 'journey.monitor', tone: 'monitor' },
  monitor_whisper: { label: 'journey.monitor', tone: 'monitor' },
  monitor_barge: { label: 'journey.monitor', tone: 'monitor' },
  monitor_stopped: { label: 'journey.monitor', tone: 'monitor' },
  ended: { label: 'journey.ended', tone: 'end' },
  provider_pre_accepted: { label: 'journey.preAccepted', tone: 'media' },
  provider_accepted: { label: 'journey.providerAccepted', tone: 'media' },
  media_answer: { label: 'journey.audio', tone: 'media' },
  media_connected: { label: 'journey.audio', tone: 'media' },
  media_retry: { label: 'journey.audio', tone: 'media' },
  media_stopped: { label: 'journey.audio', tone: 'media' },
  media_closed: { label: 'journey.audioLost', tone: 'bad' },
  dtmf: { label: 'journey.keypad', tone: 'info' },
  dtmf_sent: { label: 'journey.keypad', tone: 'info' },
  effect_failed: { label: 'journey.problem', tone: 'bad' },
  permission_warning: { label: 'journey.permission', tone: 'bad' },
  permission_revoked: { label: 'journey.permission', tone: 'bad' },
};

/** Journey ids are database sequence numbers sent as strings: shorter is older. */
const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export interface JourneyItem {
  id: string;
  /** Local clock with seconds (`14:05:09`); the full date on hover. */
  time: string;
  title: string;
  description: string;
  tone: JourneyTone;
  /** Seconds since the first entry, as `+00:00:12`. */
  offset: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The call's journey in order, with times in the user's time zone and the gap from the start. */
export function journeyItems(entries: readonly JourneyEntry[], f: TimeFormat, t: Translate): (JourneyItem & { full: string })[] {
  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || byId(a.id, b.id));
  const start = sorted[0] ? Date.parse(sorted[0].at) : 0;
  return sorted.map((e) => {
    const k = known[e.event];
    const at = Date.parse(e.at);
    const w = wallTimeOf(at, f.timeZone);
    const gap = Math.max(0, Math.floor((at - start) / 1000));
    return {
      id: e.id,
      time: `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`,
      full: formatDateTime(e.at, f),
      title: k ? t(k.label) : e.event.replace(/_/g, ' '),
      description: e.description,
      tone: k?.tone ?? 'info',
      offset: `+${pad(Math.floor(gap / 3600))}:${pad(Math.floor((gap % 3600) / 60))}:${pad(gap % 60)}`,
    };
  });
}
