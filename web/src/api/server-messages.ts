import type { BusinessRecord, BusinessRecordChanges } from './record-types.js';
import type { CallPermission, CallSummary, Conversation, Message, Presence } from './types.js';

/** `call.offered`: a call ringing on this desk. */
export interface CallOffered {
  type: 'call.offered';
  id: string;
  offer_id: string;
  direction: 'inbound' | 'outbound';
  ani: string;
  contact_name: string | null;
  contact_id: string | null;
  channel: { id: string; name: string; number: string };
  conversation_id: string | null;
  room_link: string | null;
  ring_deadline: string;
  auto_answer: boolean;
}

export type OfferClosedReason = 'taken' | 'abandoned' | 'ended' | 'missed' | 'rejected';

/** Messages the server pushes on `/ws` that the desk acts upon. Others are ignored. */
export type ServerMessage =
  | { type: 'session.ready'; user_id: string; role: string; presence: Presence }
  | { type: 'presence.changed'; presence: Partial<Presence> & { user_id: string } }
  | { type: 'presence.auto_paused'; user_id: string; missed_in_row: number; reason: string }
  | CallOffered
  | { type: 'call.offer_taken'; id: string; taken_by: string | null; taken_by_name: string | null }
  | { type: 'call.offer_cancelled'; id: string; reason: 'abandoned' | 'ended' }
  | { type: 'call.offer_missed'; id: string }
  | { type: 'call.offer_rejected'; id: string }
  | { type: 'call.updated'; id: string; call: CallSummary }
  | { type: 'call.ended'; id: string; call: CallSummary }
  | { type: 'call.hold_retrieved'; id: string }
  | { type: 'call.dtmf'; id: string; digit: string }
  | { type: 'media.offer'; call_id: string; leg_id: string; role: string; sdp: string }
  | { type: 'message.created'; conversation_id: string; message: Message }
  | { type: 'message.status'; conversation_id: string; message_id: string; status: string }
  | { type: 'conversation.created' | 'conversation.reopened'; conversation_id: string; contact_id: string }
  | { type: 'conversation.updated'; conversation: Conversation }
  | { type: 'voicemail.created'; call_id: string; conversation_id: string | null; message_id: string }
  | { type: 'call_permission.updated'; conversation_id: string | null; channel_id: string; contact_id: string; permission: CallPermission }
  | { type: 'call_permission.warning'; call_id: string; conversation_id: string | null; consecutive_unanswered: number; revoked: boolean }
  | { type: 'business_record.required'; call_id: string; channel_id: string; agent_id: string; paused: boolean }
  | { type: 'business_record.updated'; call_id: string; record: BusinessRecord; changes: BusinessRecordChanges };

export type ServerMessageType = ServerMessage['type'];

const known = new Set<string>([
  'session.ready', 'presence.changed', 'presence.auto_paused', 'call.offered', 'call.offer_taken', 'call.offer_cancelled',
  'call.offer_missed', 'call.offer_rejected', 'call.updated', 'call.ended', 'call.hold_retrieved', 'call.dtmf', 'media.offer',
  'message.created', 'message.status', 'conversation.created', 'conversation.reopened', 'conversation.updated', 'voicemail.created',
  'call_permission.updated', 'call_permission.warning', 'business_record.required', 'business_record.updated',
]);

/** Parses one frame; null for anything that is not a known server message (acks are handled by the socket). */
export function parseServerMessage(raw: string): ServerMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') return null;
  const type = (m as { type: string }).type;
  // Supervisors also get `call.ended` naming only a provider call id (an end WhatsApp reported for a call never seen start).
  if ((type === 'call.updated' || type === 'call.ended') && !(m as { call?: unknown }).call) return null;
  return known.has(type) ? (m as ServerMessage) : null;
}
