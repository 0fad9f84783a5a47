import { effectiveStatus, mayCall } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toIso, type PermissionState } from './permission-state.js';

export interface UnansweredOutcome {
  state: PermissionState;
  /** Tell the agent to reconsider calling (2 in a row by default). */
  warn: boolean;
  /** This call reached the revoke threshold (4 in a row): the permission is withdrawn here, before the provider says so. */
  revokedLocally: boolean;
}

/** A business-initiated call ended unanswered or rejected by the customer. */
export function onBusinessCallUnanswered(
  state: PermissionState, call: { now: Date }, policy: PermissionPolicy = defaultPermissionPolicy,
): UnansweredOutcome {
  const consecutiveUnanswered = state.consecutiveUnanswered + 1;
  const warn = consecutiveUnanswered >= policy.warnAfterUnanswered;
  const revoke = consecutiveUnanswered >= policy.revokeAfterUnanswered && mayCall(effectiveStatus(state, call.now));
  if (!revoke) return { state: { ...state, consecutiveUnanswered }, warn, revokedLocally: false };
  return {
    state: { ...state, consecutiveUnanswered, status: 'revoked', decidedAt: toIso(call.now), expiresAt: null, source: 'automatic' },
    warn,
    revokedLocally: true,
  };
}
