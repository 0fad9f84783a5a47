import type { EndedBy } from './call-state.js';

/** Everything that can happen to a call. */
export type CallEvent =
  // Inbound routing
  | { type: 'offer'; agentIds: string[] }
  | { type: 'queue' }
  | { type: 'accept'; agentId: string }
  | { type: 'reject'; agentId: string }
  | { type: 'offer_timeout'; agentId: string }
  | { type: 'no_agent'; reason: string }
  | { type: 'accept_window_expired' }
  | { type: 'queue_timeout' }
  | { type: 'voicemail_done' }
  // Outbound
  | { type: 'remote_ringing' }
  | { type: 'remote_answered' }
  | { type: 'remote_rejected' }
  | { type: 'ring_timeout' }
  // Connected
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'transfer'; reason?: string }
  // Endings
  | { type: 'customer_hangup' }
  | { type: 'agent_hangup'; agentId: string }
  | { type: 'system_hangup'; reason: string }
  | { type: 'provider_terminated'; failed: boolean; errorCode: number | null; by?: EndedBy }
  | { type: 'failed'; reason: string };

export type CallEventType = CallEvent['type'];

/** Side effects the app performs after the new state is saved. */
export type CallEffect =
  | { type: 'provider.accept' }
  | { type: 'provider.reject' }
  | { type: 'provider.terminate' }
  | { type: 'offers.send'; agentIds: string[] }
  | { type: 'offers.close'; agentIds: string[]; as: 'taken' | 'cancelled' | 'missed' | 'rejected' }
  | { type: 'agent.reserve'; agentId: string }
  | { type: 'agent.release'; agentId: string }
  | { type: 'route' }
  | { type: 'media.hold' }
  | { type: 'media.resume' }
  | { type: 'media.queue' }
  | { type: 'media.voicemail' }
  | { type: 'media.connect_agent'; agentId: string }
  | { type: 'media.end' };
