import { closePendingRequests } from './close-pending-requests.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toIso, toMs, type PermissionState } from './permission-state.js';

export type CallDirection = 'business_initiated' | 'user_initiated';

/**
 * A call between business and customer connected (either direction): the request limits reset, pending
 * requests close, the unanswered streak ends; a business-initiated call counts toward the 24 h call limit.
 */
export function onCallConnected(
  state: PermissionState, call: { direction: CallDirection; now: Date }, policy: PermissionPolicy = defaultPermissionPolicy,
): PermissionState {
  const at = toIso(call.now);
  const now = call.now.getTime();
  const { requests } = closePendingRequests(state.requests, 'call_connected', at);
  const recent = state.connectedBusinessCallsAt.filter((t) => now - toMs(t) < policy.connectedCallLimit.windowMs);
  return {
    ...state,
    requests,
    countersResetAt: at,
    consecutiveUnanswered: 0,
    connectedBusinessCallsAt: call.direction === 'business_initiated' ? [...recent, at] : recent,
  };
}
