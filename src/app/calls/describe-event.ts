import type { CallEvent, CallState } from '../../domain/calls/index.js';

/** The journey row for an event: a stable code and a sentence a supervisor reads. */
export function describeEvent(e: CallEvent, before: CallState, after: CallState, names: Map<string, string>): { code: string; text: string } {
  const who = (id: string | null | undefined) => (id ? (names.get(id) ?? 'an agent') : 'nobody');
  switch (e.type) {
    case 'offer': return { code: 'offered', text: `Offered to ${e.agentIds.map(who).join(', ')}` };
    case 'queue': return { code: 'queued', text: 'Accepted into the queue; the caller hears the queue prompts' };
    case 'accept': return { code: 'answered', text: `Answered by ${who(e.agentId)} on the web desk` };
    case 'reject': return { code: 'rejected', text: `Rejected by ${who(e.agentId)}` };
    case 'offer_timeout': return { code: 'missed', text: `Missed by ${who(e.agentId)} (no answer in time)` };
    case 'no_agent':
      return after.status === 'ended'
        ? { code: 'ended', text: `Ended ${after.result}: nobody could take the call (${e.reason.replace(/_/g, ' ')})` }
        : { code: 'waiting', text: 'Waiting in the queue for a free agent' };
    case 'accept_window_expired': return { code: 'ended', text: 'Ended unanswered: WhatsApp stopped ringing before anyone answered' };
    case 'queue_timeout': return { code: 'voicemail', text: 'Longest wait reached; the caller was sent to voicemail' };
    case 'voicemail_done': return { code: 'ended', text: 'Voicemail recorded' };
    case 'remote_ringing': return { code: 'ringing', text: 'The customer\'s phone is ringing' };
    case 'remote_answered': return { code: 'answered', text: 'The customer answered' };
    case 'remote_rejected': return { code: 'ended', text: 'Ended rejected: the customer declined the call' };
    case 'ring_timeout': return { code: 'ended', text: 'Ended unanswered: the customer did not answer in time' };
    case 'hold': return { code: 'held', text: `Put on hold by ${who(before.agentId)}` };
    case 'resume': return { code: 'resumed', text: 'Taken off hold' };
    case 'transfer': return { code: 'transferred', text: `Transferred by ${who(before.agentId)}${e.reason ? ` to ${e.reason}` : ''}` };
    case 'customer_hangup': return { code: 'ended', text: `Ended ${after.result}: the customer hung up` };
    case 'agent_hangup': return { code: 'ended', text: `Ended ${after.result}: ${who(e.agentId)} hung up` };
    case 'system_hangup': return { code: 'ended', text: `Ended ${after.result} by the system (${e.reason.replace(/_/g, ' ')})` };
    case 'provider_terminated':
      return { code: 'ended', text: `Ended ${after.result}: WhatsApp ended the call${e.errorCode ? ` (error ${e.errorCode})` : ''}` };
    case 'failed': return { code: 'ended', text: `Ended ${after.result}: ${e.reason.replace(/_/g, ' ')}` };
  }
}
