import type { Translate } from '../i18n/translate.js';
import type { DeskCall } from '../state/desk-state.js';
import { formatCountdown, formatDuration, secondsSince } from './format-duration.js';

export type CallWidgetPhase = 'dialing' | 'ringing' | 'connecting' | 'connected' | 'on_hold' | 'ended';

export interface CallWidgetModel {
  callId: string;
  phase: CallWidgetPhase;
  title: string;
  subtitle: string;
  /** "In a call", "On hold", "Calling…", "Call ended 00:03:12", "Unanswered"… */
  status: string;
  /** Live `HH:mm:ss` while talking; null otherwise. */
  timer: string | null;
  /** "Back to the caller in 4:32" while on hold. */
  holdCountdown: string | null;
  /** The hold limit passed and the call came back by itself (a reminder). */
  holdRetrieved: boolean;
  /** "Hangs up in 2:00" when the tenant has an auto-hang-up timer. */
  autoHangupCountdown: string | null;
  tone: 'live' | 'hold' | 'pending' | 'ended' | 'failed';
  muted: boolean;
  can: { mute: boolean; hold: boolean; resume: boolean; transfer: boolean; dialpad: boolean; hangup: boolean; dismiss: boolean };
}

export interface CallWidgetOptions {
  holdAutoRetrieveS: number;
  autoHangupS: number;
  /** The channel allows transfers. */
  transferAllowed: boolean;
}

const RETRIEVED_REMINDER_MS = 15_000;

function endedStatus(call: DeskCall, t: Translate): { status: string; tone: CallWidgetModel['tone'] } {
  if (call.transferred) return { status: t('widget.transferred'), tone: 'ended' };
  switch (call.result) {
    case 'answered':
      return { status: t('widget.ended', { duration: formatDuration(call.talkSeconds ?? secondsSince(call.answeredAt, Date.parse(call.endedAt ?? '') || 0)) }), tone: 'ended' };
    case 'unanswered':
    case 'missed':
      return { status: call.direction === 'outbound' ? t('widget.unanswered') : t('widget.notAnswered'), tone: 'failed' };
    case 'rejected':
      return { status: call.direction === 'outbound' ? t('widget.rejectedByCustomer') : t('widget.declined'), tone: 'failed' };
    case 'user_abandon':
      return { status: t('widget.abandoned'), tone: 'failed' };
    case 'voicemail':
      return { status: t('widget.voicemail'), tone: 'ended' };
    case 'failed':
      return { status: t('widget.failed'), tone: 'failed' };
    default:
      return { status: t('widget.endedNoDuration'), tone: 'ended' };
  }
}

/** The floating call widget at `now`: what it says and which buttons work. */
export function callWidgetModel(call: DeskCall, now: number, opts: CallWidgetOptions, t: Translate): CallWidgetModel {
  const title = call.customer.name?.trim() || call.customer.number;
  const subtitle = [call.customer.name?.trim() ? call.customer.number : null, call.channel?.name].filter(Boolean).join(' · ');
  const none = { mute: false, hold: false, resume: false, transfer: false, dialpad: false, hangup: false, dismiss: false };
  const base = { callId: call.id, title, subtitle, muted: call.muted, holdRetrieved: false, holdCountdown: null, autoHangupCountdown: null, timer: null };
  const talking = call.status === 'connected' || call.status === 'on_hold';
  const autoHangupCountdown = talking && opts.autoHangupS > 0 && call.answeredAt
    ? formatCountdown(opts.autoHangupS - secondsSince(call.answeredAt, now))
    : null;

  switch (call.status) {
    case 'ended': {
      const e = endedStatus(call, t);
      return { ...base, phase: 'ended', status: e.status, tone: e.tone, can: { ...none, dismiss: true } };
    }
    case 'dialing':
      return { ...base, phase: 'dialing', status: t('widget.calling'), tone: 'pending', can: { ...none, hangup: true } };
    case 'ringing':
      return { ...base, phase: 'ringing', status: t('widget.ringingCustomer'), tone: 'pending', can: { ...none, hangup: true } };
    case 'on_hold': {
      const held = secondsSince(call.holdStartedAt, now);
      return {
        ...base, phase: 'on_hold', status: t('widget.onHold'), tone: 'hold',
        timer: formatDuration(secondsSince(call.answeredAt, now)),
        holdCountdown: t('widget.holdCountdown', { time: formatCountdown(opts.holdAutoRetrieveS - held) }),
        autoHangupCountdown: autoHangupCountdown ? t('widget.autoHangup', { time: autoHangupCountdown }) : null,
        can: { ...none, resume: true, transfer: opts.transferAllowed, hangup: true, mute: true },
      };
    }
    case 'connected':
      return {
        ...base, phase: 'connected', status: t('widget.inCall'), tone: 'live',
        timer: formatDuration(secondsSince(call.answeredAt, now)),
        holdRetrieved: call.retrievedAt !== null && now - call.retrievedAt < RETRIEVED_REMINDER_MS,
        autoHangupCountdown: autoHangupCountdown ? t('widget.autoHangup', { time: autoHangupCountdown }) : null,
        can: { ...none, mute: true, hold: true, transfer: opts.transferAllowed, dialpad: true, hangup: true },
      };
    default:
      // Accepted, audio still connecting; or a transfer ringing elsewhere.
      return { ...base, phase: 'connecting', status: t('widget.connecting'), tone: 'pending', can: { ...none, hangup: true } };
  }
}
