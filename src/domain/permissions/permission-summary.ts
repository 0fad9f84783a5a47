import { effectiveStatus, type EffectivePermissionStatus } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toMs, type PermissionState } from './permission-state.js';
import { nextRequestAllowedAt } from './request-limits.js';
import { countInWindow, nextAllowedAt } from './rolling-window.js';

/** What the room header shows under the customer's name (JSON for the API). */
export interface PermissionSummary {
  status: EffectivePermissionStatus;
  expires_at: string | null;
  attempts: { connected_last_24h: number; limit_24h: number; consecutive_unanswered: number };
  last_request_at: string | null;
  pending_request: { id: string; expires_at: string } | null;
  /** When the request limits allow the next request; null when they allow one now. */
  next_request_allowed_at: string | null;
  /** When the connected-call limit allows the next call; null when it allows one now. */
  next_call_allowed_at: string | null;
  warning: 'consecutive_unanswered' | null;
}

export function summary(state: PermissionState, now: Date, policy: PermissionPolicy = defaultPermissionPolicy): PermissionSummary {
  const status = effectiveStatus(state, now);
  const callTimes = state.connectedBusinessCallsAt.map(toMs);
  const last = state.requests.at(-1);
  const pending = state.requests.filter((r) => r.status === 'pending').at(-1);
  const nextRequest = nextRequestAllowedAt(state, now, policy);
  const nextCall = nextAllowedAt(callTimes, policy.connectedCallLimit, now.getTime());
  return {
    status,
    expires_at: status === 'temporary' || status === 'expired' ? state.expiresAt : null,
    attempts: {
      connected_last_24h: countInWindow(callTimes, policy.connectedCallLimit, now.getTime()),
      limit_24h: policy.connectedCallLimit.max,
      consecutive_unanswered: state.consecutiveUnanswered,
    },
    last_request_at: last?.sentAt ?? null,
    pending_request: pending ? { id: pending.id, expires_at: new Date(toMs(pending.sentAt) + policy.pendingRequestTtlMs).toISOString() } : null,
    next_request_allowed_at: nextRequest?.toISOString() ?? null,
    next_call_allowed_at: nextCall === null ? null : new Date(nextCall).toISOString(),
    warning: state.consecutiveUnanswered >= policy.warnAfterUnanswered ? 'consecutive_unanswered' : null,
  };
}
