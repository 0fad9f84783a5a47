import type { CallStatus } from './call-state.js';
import type { CallEventType } from './call-event.js';

/**
 * The whole policy in one screen: which events each status accepts. Anything else is illegal and
 * leaves the call unchanged (the API answers 409 CALL_STATE_CHANGED).
 */
export const legalEvents: Record<CallStatus, readonly CallEventType[]> = {
  routing: ['offer', 'queue', 'no_agent', 'customer_hangup', 'accept_window_expired', 'provider_terminated', 'system_hangup', 'failed'],
  offering: ['offer', 'accept', 'reject', 'offer_timeout', 'queue', 'no_agent', 'customer_hangup', 'accept_window_expired', 'provider_terminated', 'system_hangup', 'failed', 'queue_timeout'],
  queued: ['offer', 'queue_timeout', 'no_agent', 'customer_hangup', 'provider_terminated', 'system_hangup', 'failed'],
  dialing: ['remote_ringing', 'remote_answered', 'remote_rejected', 'ring_timeout', 'agent_hangup', 'provider_terminated', 'system_hangup', 'failed'],
  ringing: ['remote_answered', 'remote_rejected', 'ring_timeout', 'agent_hangup', 'provider_terminated', 'system_hangup', 'failed'],
  connected: ['hold', 'transfer', 'customer_hangup', 'agent_hangup', 'system_hangup', 'provider_terminated', 'failed', 'remote_answered'],
  on_hold: ['resume', 'transfer', 'customer_hangup', 'agent_hangup', 'system_hangup', 'provider_terminated', 'failed'],
  voicemail: ['voicemail_done', 'customer_hangup', 'provider_terminated', 'system_hangup', 'failed'],
  ended: [],
};

export const isLegal = (status: CallStatus, event: CallEventType): boolean => legalEvents[status].includes(event);
