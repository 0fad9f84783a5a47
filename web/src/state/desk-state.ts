import type { SocketState } from '../api/desk-socket.js';
import type { CallOffered, OfferClosedReason, ServerMessage } from '../api/server-messages.js';
import type { CallResult, CallStatus, CallSummary, Presence } from '../api/types.js';

/** How long a closed offer keeps its popup ("Taken by Budi") before it goes away. */
export const CLOSED_OFFER_LINGER_MS = 4_000;

export interface Offer extends CallOffered {
  receivedAt: number;
  closed: { reason: OfferClosedReason; at: number; byName: string | null } | null;
}

export interface CallParty {
  number: string;
  name: string | null;
}

/** The one call this desk is on (or just finished: the widget shows "Call ended 00:03:12" until dismissed). */
export interface DeskCall {
  id: string;
  direction: 'inbound' | 'outbound';
  status: CallStatus;
  result: CallResult | null;
  customer: CallParty;
  channel: { id: string; name: string; number: string } | null;
  conversationId: string | null;
  answeredAt: string | null;
  holdStartedAt: string | null;
  endedAt: string | null;
  talkSeconds: number | null;
  muted: boolean;
  /** The call left this desk by a transfer. */
  transferred: boolean;
  /** Local time the call came back from hold by itself (the auto-retrieve reminder). */
  retrievedAt: number | null;
}

export interface DeskState {
  userId: string | null;
  presence: Presence | null;
  socket: SocketState;
  offers: Offer[];
  call: DeskCall | null;
  /** Ids of calls whose popup this desk has dismissed by declining. */
  declined: string[];
}

export const initialDeskState: DeskState = { userId: null, presence: null, socket: 'connecting', offers: [], call: null, declined: [] };

export type DeskEvent =
  | { kind: 'server'; message: ServerMessage; now: number }
  | { kind: 'socket'; state: SocketState }
  | { kind: 'signed_in'; userId: string; presence: Presence }
  | { kind: 'presence'; presence: Presence }
  /** A call this desk started (outbound) or a command's answer: the summary is the truth. */
  | { kind: 'call_synced'; call: CallSummary; customer?: CallParty; channel?: DeskCall['channel'] }
  | { kind: 'muted'; callId: string; muted: boolean }
  | { kind: 'declined'; callId: string }
  | { kind: 'dismiss_call' }
  | { kind: 'tick'; now: number };

const closeOffers = (offers: Offer[], id: string, closed: Offer['closed']): Offer[] =>
  offers.map((o) => (o.id === id && !o.closed ? { ...o, closed } : o));

function fromSummary(prev: DeskCall | null, s: CallSummary, extra: { customer?: CallParty | undefined; channel?: DeskCall['channel'] | undefined } = {}): DeskCall {
  const same = prev && prev.id === s.id ? prev : null;
  return {
    id: s.id,
    direction: s.direction,
    status: s.status,
    result: s.result,
    customer: extra.customer ?? same?.customer ?? { number: s.customer_number, name: null },
    channel: extra.channel ?? same?.channel ?? null,
    conversationId: s.conversation_id,
    answeredAt: s.answered_at,
    holdStartedAt: s.hold_started_at,
    endedAt: s.ended_at,
    talkSeconds: s.talk_seconds,
    muted: same?.muted ?? false,
    transferred: false,
    retrievedAt: same?.retrievedAt ?? null,
  };
}

/** Applies a call summary to the desk: the call this agent is on, or an update of the one shown. */
function syncCall(state: DeskState, s: CallSummary, extra: { customer?: CallParty | undefined; channel?: DeskCall['channel'] | undefined } = {}): DeskState {
  const current = state.call;
  const mine = s.agent_id !== null && s.agent_id === state.userId;
  if (current && current.id === s.id) {
    if (current.transferred) return state;
    if (!mine && s.status !== 'ended' && current.status !== 'ended') {
      // Transferred (back to offering, or to someone else): it is over for this desk.
      return { ...state, call: { ...current, status: 'ended', transferred: true } };
    }
    if (!mine && s.status !== 'ended') return state;
    return { ...state, call: fromSummary(current, s, extra) };
  }
  if (!mine) return state;
  if (s.status === 'ended' && (!current || current.status === 'ended')) {
    // An end we never saw start (e.g. after a reload): show it only if nothing else is shown.
    return current ? state : { ...state, call: fromSummary(null, s, extra) };
  }
  if (s.status === 'ended') return state;
  // A new call for this agent: take the customer and channel from its offer when there was one.
  const offer = state.offers.find((o) => o.id === s.id);
  const customer = extra.customer ?? (offer ? { number: offer.ani, name: offer.contact_name } : undefined);
  const channel = extra.channel ?? (offer ? offer.channel : undefined);
  return {
    ...state,
    call: fromSummary(null, s, { customer, channel }),
    offers: state.offers.filter((o) => o.id !== s.id),
  };
}

function onServer(state: DeskState, m: ServerMessage, now: number): DeskState {
  switch (m.type) {
    case 'session.ready':
      return { ...state, userId: m.user_id, presence: m.presence };
    case 'presence.changed':
      if (m.presence.user_id !== state.userId) return state;
      return { ...state, presence: state.presence ? { ...state.presence, ...m.presence } : (m.presence as Presence) };
    case 'call.offered': {
      if (state.declined.includes(m.id)) return state;
      const offer: Offer = { ...m, receivedAt: now, closed: null };
      return { ...state, offers: [...state.offers.filter((o) => o.id !== m.id), offer] };
    }
    case 'call.offer_taken':
      if (m.taken_by && m.taken_by === state.userId) return { ...state, offers: state.offers.filter((o) => o.id !== m.id) };
      return { ...state, offers: closeOffers(state.offers, m.id, { reason: 'taken', at: now, byName: m.taken_by_name }) };
    case 'call.offer_cancelled':
      return { ...state, offers: closeOffers(state.offers, m.id, { reason: m.reason, at: now, byName: null }) };
    case 'call.offer_missed':
      return { ...state, offers: closeOffers(state.offers, m.id, { reason: 'missed', at: now, byName: null }) };
    case 'call.offer_rejected':
      return { ...state, offers: state.offers.filter((o) => o.id !== m.id) };
    case 'call.updated':
    case 'call.ended':
      return syncCall(state, m.call);
    case 'call.hold_retrieved':
      return state.call && state.call.id === m.id ? { ...state, call: { ...state.call, retrievedAt: now } } : state;
    default:
      return state;
  }
}

/** The desk's state machine: server messages and local events in, the next state out (no I/O). */
export function deskReducer(state: DeskState, e: DeskEvent): DeskState {
  switch (e.kind) {
    case 'server':
      return onServer(state, e.message, e.now);
    case 'socket':
      return { ...state, socket: e.state };
    case 'signed_in':
      return { ...state, userId: e.userId, presence: e.presence };
    case 'presence':
      return { ...state, presence: e.presence };
    case 'call_synced':
      return syncCall(state, e.call, { customer: e.customer, channel: e.channel });
    case 'muted':
      return state.call && state.call.id === e.callId ? { ...state, call: { ...state.call, muted: e.muted } } : state;
    case 'declined':
      return { ...state, offers: state.offers.filter((o) => o.id !== e.callId), declined: [...state.declined.slice(-20), e.callId] };
    case 'dismiss_call':
      return state.call && state.call.status === 'ended' ? { ...state, call: null } : state;
    case 'tick': {
      const offers = state.offers.filter((o) => !o.closed || e.now - o.closed.at < CLOSED_OFFER_LINGER_MS);
      return offers.length === state.offers.length ? state : { ...state, offers };
    }
  }
}

/** Offers still ringing for this desk (newest last). */
export const ringingOffers = (s: DeskState): Offer[] => s.offers.filter((o) => !o.closed);

/** The desk is on a live call (not the "Call ended" card). */
export const onLiveCall = (s: DeskState): boolean => s.call !== null && s.call.status !== 'ended';
