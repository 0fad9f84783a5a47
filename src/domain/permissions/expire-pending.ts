import { closePendingRequests } from './close-pending-requests.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toIso, toMs, type PermissionState } from './permission-state.js';

/** Closes the pending requests that got no reply within the TTL (72 h by default; expired at exactly 72 h). */
export function expirePending(
  state: PermissionState, now: Date, policy: PermissionPolicy = defaultPermissionPolicy,
): { state: PermissionState; expiredRequestIds: string[] } {
  const { requests, closedIds } = closePendingRequests(
    state.requests, 'expired', toIso(now), (r) => now.getTime() - toMs(r.sentAt) >= policy.pendingRequestTtlMs,
  );
  return { state: closedIds.length === 0 ? state : { ...state, requests }, expiredRequestIds: closedIds };
}

/** When the next pending request expires (for the app's durable timer); null when none is pending. */
export function nextPendingExpiryAt(state: PermissionState, policy: PermissionPolicy = defaultPermissionPolicy): Date | null {
  const pending = state.requests.filter((r) => r.status === 'pending').map((r) => toMs(r.sentAt) + policy.pendingRequestTtlMs);
  return pending.length === 0 ? null : new Date(Math.min(...pending));
}
