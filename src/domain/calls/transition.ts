import { assertNever } from '../assert-never.js';
import type { CallResult, CallState, EndedBy } from './call-state.js';
import type { CallEffect, CallEvent } from './call-event.js';
import { isLegal } from './transitions.js';

export type TransitionResult =
  | { ok: true; state: CallState; effects: CallEffect[] }
  | { ok: false; code: 'CALL_STATE_CHANGED' | 'OFFER_TAKEN'; message: string };

const illegal = (s: CallState, e: CallEvent): TransitionResult => ({
  ok: false,
  code: s.status !== 'offering' && e.type === 'accept' && s.agentId && s.agentId !== e.agentId ? 'OFFER_TAKEN' : 'CALL_STATE_CHANGED',
  message: `A ${s.status} call cannot take "${e.type}".`,
});

const without = (list: string[], id: string) => list.filter((x) => x !== id);

/**
 * The call state machine: pure, with `now` injected. Returns the next state and the effects the
 * app must perform, or a refusal that changes nothing.
 */
export function transition(s: CallState, e: CallEvent, now: number): TransitionResult {
  if (!isLegal(s.status, e.type)) return illegal(s, e);
  const ok = (state: CallState, effects: CallEffect[] = []): TransitionResult => ({ ok: true, state, effects });

  const end = (result: CallResult, by: EndedBy, reason: string, effects: CallEffect[]): TransitionResult => {
    const holdMs = s.heldAt !== null ? s.holdMs + (now - s.heldAt) : s.holdMs;
    const closing: CallEffect[] = s.ringing.length ? [{ type: 'offers.close', agentIds: s.ringing, as: 'cancelled' }] : [];
    // The agent is held from the answer (inbound) or from dialing (outbound) until the end.
    const release: CallEffect[] = s.agentId && (s.answeredAt !== null || s.direction === 'outbound') ? [{ type: 'agent.release', agentId: s.agentId }] : [];
    return ok(
      { ...s, status: 'ended', result, ringing: [], heldAt: null, holdMs, endedAt: now, endedBy: by, endReason: reason },
      [...closing, ...effects, ...release, { type: 'media.end' }],
    );
  };
  // Tell the provider, unless it is the one who ended the call.
  const hangUpAtProvider = (): CallEffect[] => (s.providerAccepted ? [{ type: 'provider.terminate' }] : [{ type: 'provider.reject' }]);

  switch (e.type) {
    case 'offer': {
      const fresh = e.agentIds.filter((a) => !s.ringing.includes(a));
      if (fresh.length === 0) return illegal(s, e);
      return ok(
        { ...s, status: 'offering', ringing: [...s.ringing, ...fresh], tried: [...s.tried, ...fresh.filter((a) => !s.tried.includes(a))] },
        [{ type: 'offers.send', agentIds: fresh }],
      );
    }
    case 'queue':
      return ok(
        { ...s, status: 'queued', providerAccepted: true, ringing: [] },
        [
          ...(s.ringing.length ? [{ type: 'offers.close', agentIds: s.ringing, as: 'cancelled' } as CallEffect] : []),
          ...(s.providerAccepted ? [] : [{ type: 'provider.accept' } as CallEffect]),
          { type: 'media.queue' },
        ],
      );
    case 'accept': {
      if (!s.ringing.includes(e.agentId)) return { ok: false, code: 'OFFER_TAKEN', message: 'This offer is no longer yours.' };
      const others = without(s.ringing, e.agentId);
      return ok(
        { ...s, status: 'connected', agentId: e.agentId, ringing: [], providerAccepted: true, answeredAt: s.answeredAt ?? now },
        [
          ...(others.length ? [{ type: 'offers.close', agentIds: others, as: 'taken' } as CallEffect] : []),
          { type: 'agent.reserve', agentId: e.agentId },
          ...(s.providerAccepted ? [] : [{ type: 'provider.accept' } as CallEffect]),
          { type: 'media.connect_agent', agentId: e.agentId },
        ],
      );
    }
    case 'reject':
    case 'offer_timeout': {
      if (!s.ringing.includes(e.agentId)) return illegal(s, e);
      const ringing = without(s.ringing, e.agentId);
      const missed = e.type === 'offer_timeout' ? s.missedOffers + 1 : s.missedOffers;
      return ok(
        { ...s, ringing, missedOffers: missed, status: ringing.length === 0 && s.providerAccepted ? 'queued' : s.status },
        [{ type: 'offers.close', agentIds: [e.agentId], as: e.type === 'reject' ? 'rejected' : 'missed' }, ...(ringing.length === 0 ? [{ type: 'route' } as CallEffect] : [])],
      );
    }
    case 'no_agent': {
      // Nobody left to ring. A caller already in the queue keeps waiting for the queue timeout.
      if (s.status === 'queued' || (s.providerAccepted && s.status === 'offering')) {
        return ok({ ...s, status: 'queued', ringing: [] }, []);
      }
      const result: CallResult = s.tried.length > 0 && s.missedOffers > 0 ? 'missed' : 'unanswered';
      return end(result, 'system', e.reason, hangUpAtProvider());
    }
    case 'accept_window_expired':
      if (s.providerAccepted) return illegal(s, e);
      return end('unanswered', 'provider', 'accept_window_expired', [{ type: 'provider.reject' }]);
    case 'queue_timeout':
      return ok(
        { ...s, status: 'voicemail', ringing: [] },
        [...(s.ringing.length ? [{ type: 'offers.close', agentIds: s.ringing, as: 'cancelled' } as CallEffect] : []), { type: 'media.voicemail' }],
      );
    case 'voicemail_done':
      return end('voicemail', 'system', 'voicemail_recorded', [{ type: 'provider.terminate' }]);
    case 'remote_ringing':
      return ok({ ...s, status: 'ringing' });
    case 'remote_answered':
      if (s.status === 'connected') return ok(s); // ACCEPTED after the connect answer: already up
      return ok({ ...s, status: 'connected', providerAccepted: true, answeredAt: now }, [{ type: 'media.connect_agent', agentId: s.agentId ?? '' }]);
    case 'remote_rejected':
      return end('rejected', 'customer', 'declined', []);
    case 'ring_timeout':
      return end('unanswered', 'system', 'ring_timeout', [{ type: 'provider.terminate' }]);
    case 'hold':
      return ok({ ...s, status: 'on_hold', heldAt: now }, [{ type: 'media.hold' }]);
    case 'resume':
      return ok({ ...s, status: 'connected', heldAt: null, holdMs: s.holdMs + (now - (s.heldAt ?? now)) }, [{ type: 'media.resume' }]);
    case 'transfer': {
      const holdMs = s.heldAt !== null ? s.holdMs + (now - s.heldAt) : s.holdMs;
      const effects: CallEffect[] = s.agentId ? [{ type: 'agent.release', agentId: s.agentId }] : [];
      return ok(
        { ...s, status: 'offering', agentId: null, ringing: [], tried: s.agentId ? [s.agentId] : [], heldAt: null, holdMs, transfers: s.transfers + 1 },
        [...effects, { type: 'media.queue' }, { type: 'route' }],
      );
    }
    case 'customer_hangup':
      if (s.answeredAt !== null) return end('answered', 'customer', 'customer_hangup', []);
      if (s.status === 'voicemail') return end('voicemail', 'customer', 'customer_hangup', []);
      return end('user_abandon', 'customer', 'customer_hangup', []);
    case 'agent_hangup':
      if (s.agentId !== e.agentId) return illegal(s, e);
      if (s.answeredAt === null) return end('unanswered', 'agent', 'cancelled_by_agent', [{ type: 'provider.terminate' }]);
      return end('answered', 'agent', 'agent_hangup', [{ type: 'provider.terminate' }]);
    case 'system_hangup':
      return end(s.answeredAt !== null ? 'answered' : 'unanswered', 'system', e.reason, hangUpAtProvider());
    case 'failed':
      return end(s.answeredAt !== null ? 'answered' : 'failed', 'system', e.reason, hangUpAtProvider());
    case 'provider_terminated': {
      const by = e.by ?? 'customer';
      if (s.answeredAt !== null) return end('answered', by, e.failed ? `provider_failed${e.errorCode ? `_${e.errorCode}` : ''}` : 'completed', []);
      if (s.status === 'voicemail') return end('voicemail', by, 'customer_hangup', []);
      if (e.errorCode !== null) return end('failed', 'provider', `provider_error_${e.errorCode}`, []);
      if (s.direction === 'outbound') return end('unanswered', 'provider', 'not_answered', []);
      return end(by === 'provider' ? 'unanswered' : 'user_abandon', by, by === 'provider' ? 'accept_window_expired' : 'customer_hangup', []);
    }
    default:
      return assertNever(e, 'call event');
  }
}
