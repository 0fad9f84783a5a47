import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toIso, toMs, type PermissionState } from './permission-state.js';

/**
 * A request was sent (after `canRequest` said yes). It starts `pending`. Old settled requests that no longer
 * count toward any limit are dropped, except the latest one (the room header shows it).
 */
export function recordRequestSent(
  state: PermissionState, sent: { requestId: string; now: Date }, policy: PermissionPolicy = defaultPermissionPolicy,
): PermissionState {
  const now = sent.now.getTime();
  const horizon = Math.max(policy.pendingRequestTtlMs, ...policy.requestLimits.map((l) => l.windowMs));
  const kept = state.requests.filter((r) => r.status === 'pending' || now - toMs(r.sentAt) < horizon);
  return {
    ...state,
    requests: [
      ...kept,
      { id: sent.requestId, sentAt: toIso(now), status: 'pending', endedAt: null, endReason: null, answer: null },
    ],
  };
}
