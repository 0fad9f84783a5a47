import { canRequest } from './can-request.js';
import { effectiveStatus, mayCall } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import type { PermissionState } from './permission-state.js';

/**
 * After a missed inbound call, with the tenant's "missed call sends a permission request" setting on: send one
 * when it is allowed and useful (no valid permission yet, no request still waiting for a reply).
 */
export function shouldAutoRequestOnMissedCall(
  state: PermissionState,
  input: { now: Date; enabled: boolean; hasActiveConversation: boolean },
  policy: PermissionPolicy = defaultPermissionPolicy,
): boolean {
  if (!input.enabled) return false;
  if (mayCall(effectiveStatus(state, input.now))) return false;
  if (state.requests.some((r) => r.status === 'pending')) return false;
  return canRequest(state, input, policy).ok;
}
