import type { CallOffered } from '../api/server-messages.js';
import type { CallPermission, CallSummary, Message, Presence } from '../api/types.js';
import { createTranslate } from '../i18n/translate.js';
import type { DeskCall, Offer } from '../state/desk-state.js';

/** Test data for the view models and reducers (no browser needed). */
export const t = createTranslate('en');
export const T0 = Date.parse('2026-03-02T03:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export const ME = '00000000-0000-7000-8000-000000000001';
export const OTHER = '00000000-0000-7000-8000-000000000002';
export const CALL = '00000000-0000-7000-8000-0000000000c1';

export function offered(over: Partial<CallOffered> = {}): CallOffered {
  return {
    type: 'call.offered', id: CALL, offer_id: 'offer-1', direction: 'inbound', ani: '+6281234567890', contact_name: 'Budi Santoso', contact_id: null,
    channel: { id: 'ch-1', name: 'Demo WhatsApp', number: '+622150000001' }, conversation_id: 'room-1', room_link: '/conversations/room-1',
    ring_deadline: iso(T0 + 30_000), auto_answer: false, ...over,
  };
}

export const offer = (over: Partial<Offer> = {}): Offer => ({ ...offered(), receivedAt: T0, closed: null, ...over });

export function summary(over: Partial<CallSummary> = {}): CallSummary {
  return {
    id: CALL, direction: 'inbound', status: 'connected', result: null, channel_id: 'ch-1', agent_id: ME, customer_number: '+6281234567890',
    conversation_id: 'room-1', contact_id: null, offered_at: iso(T0), answered_at: iso(T0 + 5_000), ended_at: null, hold_started_at: null,
    talk_seconds: null, wait_seconds: null, provider_call_id: 'wacid.1', ...over,
  };
}

export function deskCall(over: Partial<DeskCall> = {}): DeskCall {
  return {
    id: CALL, direction: 'inbound', status: 'connected', result: null, customer: { number: '+6281234567890', name: 'Budi Santoso' },
    channel: { id: 'ch-1', name: 'Demo WhatsApp', number: '+622150000001' }, conversationId: 'room-1', answeredAt: iso(T0), holdStartedAt: null,
    endedAt: null, talkSeconds: null, muted: false, transferred: false, retrievedAt: null, ...over,
  };
}

export function presence(over: Partial<Presence> = {}): Presence {
  return {
    user_id: ME, status: 'available', effective_status: 'available', pause_reason_id: null, pause_reason: null, status_since: iso(T0),
    current_call_id: null, busy_since: null, signed_in: true, ...over,
  };
}

export function permission(over: Partial<CallPermission> = {}): CallPermission {
  return {
    status: 'none', expires_at: null, attempts: { connected_last_24h: 0, limit_24h: 10, consecutive_unanswered: 0 }, last_request_at: null,
    pending_request: null, next_request_allowed_at: null, next_call_allowed_at: null, warning: null, ...over,
  };
}

let seq = 0;
export function message(over: Partial<Message> = {}): Message {
  seq++;
  return {
    id: `m-${String(seq).padStart(4, '0')}`, conversation_id: 'room-1', direction: 'in', type: 'text', body: 'Halo', data: {}, status: null,
    sender_id: null, call_id: null, created_at: iso(T0 + seq * 1000), ...over,
  };
}
