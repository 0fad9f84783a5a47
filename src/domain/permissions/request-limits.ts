import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toMs, type PermissionState } from './permission-state.js';
import { nextAllowedUnderAll } from './rolling-window.js';

/** Send times of the requests that still count toward the limits (those after the last connected call). */
export function countedRequestTimes(state: PermissionState): number[] {
  const resetAt = state.countersResetAt === null ? Number.NEGATIVE_INFINITY : toMs(state.countersResetAt);
  return state.requests.map((r) => toMs(r.sentAt)).filter((t) => t >= resetAt);
}

/** When the request limits allow the next request; null when they allow one now. */
export function nextRequestAllowedAt(state: PermissionState, now: Date, policy: PermissionPolicy = defaultPermissionPolicy): Date | null {
  const at = nextAllowedUnderAll(countedRequestTimes(state), policy.requestLimits, now.getTime());
  return at === null ? null : new Date(at);
}
