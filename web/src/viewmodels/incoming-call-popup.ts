import type { Translate } from '../i18n/translate.js';
import { CLOSED_OFFER_LINGER_MS, type Offer } from '../state/desk-state.js';
import { formatCountdown } from './format-duration.js';

export interface IncomingCallPopupModel {
  callId: string;
  /** The contact's name, or the number when the contact has none. */
  title: string;
  /** The number under the name (null when the title already is the number). */
  ani: string | null;
  channel: string;
  ringing: boolean;
  /** "Ringing · 0:24", "Taken by Budi Agent", "The caller hung up". */
  status: string;
  secondsLeft: number;
  /** Share of the ring time left, 1 → 0 (the bar under the popup). */
  progress: number;
  canAnswer: boolean;
  autoAnswer: boolean;
}

/** The incoming-call popup of one offer at `now`; null once a closed offer has lingered long enough. */
export function incomingCallPopupModel(offer: Offer, now: number, t: Translate): IncomingCallPopupModel | null {
  const deadline = Date.parse(offer.ring_deadline);
  const total = Math.max(1, deadline - offer.receivedAt);
  const leftMs = Math.max(0, deadline - now);
  const name = offer.contact_name?.trim() || null;
  const channel = offer.channel.number ? `${offer.channel.name} · ${offer.channel.number}` : offer.channel.name;
  const base = {
    callId: offer.id,
    title: name ?? offer.ani,
    ani: name ? offer.ani : null,
    channel,
    autoAnswer: offer.auto_answer,
  };
  if (offer.closed) {
    if (now - offer.closed.at >= CLOSED_OFFER_LINGER_MS) return null;
    const status =
      offer.closed.reason === 'taken' ? (offer.closed.byName ? t('popup.takenBy', { name: offer.closed.byName }) : t('popup.takenByOther'))
      : offer.closed.reason === 'abandoned' ? t('popup.abandoned')
      : offer.closed.reason === 'missed' ? t('popup.missed')
      : t('popup.ended');
    return { ...base, ringing: false, status, secondsLeft: 0, progress: 0, canAnswer: false };
  }
  const secondsLeft = Math.ceil(leftMs / 1000);
  return {
    ...base,
    ringing: true,
    status: offer.auto_answer ? t('popup.autoAnswering') : t('popup.ringing', { time: formatCountdown(secondsLeft) }),
    secondsLeft,
    progress: Math.min(1, leftMs / total),
    canAnswer: leftMs > 0,
  };
}

/** Every popup to show, oldest first (the newest sits on top of the stack in the corner). */
export function incomingCallPopups(offers: readonly Offer[], now: number, t: Translate): IncomingCallPopupModel[] {
  return offers.map((o) => incomingCallPopupModel(o, now, t)).filter((m): m is IncomingCallPopupModel => m !== null);
}
