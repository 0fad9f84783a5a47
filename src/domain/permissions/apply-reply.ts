import { assertNever } from '../assert-never.js';
import { closePendingRequests } from './close-pending-requests.js';
import { effectiveStatus } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toIso, toMs, type PermissionAnswer, type PermissionState } from './permission-state.js';

export interface PermissionReply {
  answer: PermissionAnswer;
  /** `automatic`: the callback grant when the customer calls us, or the revoke after 4 unanswered calls. */
  source: 'user_action' | 'automatic';
  /** The request this answers (the reply's context), or null (business profile toggle, automatic replies). */
  requestId: string | null;
  receivedAt: Date;
  /** Temporary grants: the provider's expiration; defaults to receivedAt + 7 days. */
  expiresAt?: Date | null;
}

/**
 * Applies the customer's (or the platform's) answer. The customer may change it at any time and may answer an
 * old, already closed request: the answer still counts. An answer closes the older pending requests. A user's
 * `deny` is `denied`; an automatic one is `revoked`. An automatic temporary grant never shortens or downgrades
 * a grant that is still valid.
 */
export function applyReply(
  state: PermissionState, reply: PermissionReply, policy: PermissionPolicy = defaultPermissionPolicy,
): PermissionState {
  const at = toIso(reply.receivedAt);
  const requests = answerRequest(state, reply, at);
  switch (reply.answer) {
    case 'permanent':
      return { ...state, requests, status: 'permanent', decidedAt: at, expiresAt: null, source: reply.source, consecutiveUnanswered: 0 };
    case 'temporary': {
      const expiresAt = (reply.expiresAt ?? new Date(reply.receivedAt.getTime() + policy.temporaryGrantMs)).toISOString();
      const current = effectiveStatus(state, reply.receivedAt);
      if (reply.source === 'automatic' && current === 'permanent') return { ...state, requests };
      if (reply.source === 'automatic' && current === 'temporary' && toMs(state.expiresAt!) >= toMs(expiresAt)) {
        return { ...state, requests };
      }
      return { ...state, requests, status: 'temporary', decidedAt: at, expiresAt, source: reply.source, consecutiveUnanswered: 0 };
    }
    case 'deny':
      return {
        ...state, requests, status: reply.source === 'automatic' ? 'revoked' : 'denied', decidedAt: at, expiresAt: null,
        source: reply.source,
      };
    default:
      return assertNever(reply.answer, 'permission answer');
  }
}

function answerRequest(state: PermissionState, reply: PermissionReply, at: string): PermissionState['requests'] {
  const answered = reply.requestId === null ? undefined : state.requests.find((r) => r.id === reply.requestId);
  if (answered === undefined) return state.requests;
  const sentAt = toMs(answered.sentAt);
  const { requests } = closePendingRequests(state.requests, 'superseded', at, (r) => r.id !== answered.id && toMs(r.sentAt) < sentAt);
  return requests.map((r) => (r.id === answered.id ? { ...r, status: 'answered' as const, endedAt: at, endReason: null, answer: reply.answer } : r));
}

/** Meta's `call_permission_reply` fields as an answer: reject → deny; accept → permanent or temporary. */
export function answerFromProviderReply(reply: { response: 'accept' | 'reject'; isPermanent: boolean }): PermissionAnswer {
  if (reply.response === 'reject') return 'deny';
  return reply.isPermanent ? 'permanent' : 'temporary';
}
