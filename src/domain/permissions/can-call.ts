import type { Result } from '../errors.js';
import { effectiveStatus, mayCall } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import { toMs, type PermissionState } from './permission-state.js';
import { countInWindow, nextAllowedAt } from './rolling-window.js';

export type CanCallCode = 'NO_CALL_PERMISSION' | 'CALL_LIMIT_REACHED';

/** May the business call this customer now: a valid permission and room under the connected-call limit. */
export function canCall(
  state: PermissionState, now: Date, policy: PermissionPolicy = defaultPermissionPolicy,
): Result<{ connectedCallsLeft: number }, CanCallCode> {
  const status = effectiveStatus(state, now);
  if (!mayCall(status)) {
    return {
      ok: false, code: 'NO_CALL_PERMISSION', message: 'The customer has not granted (or no longer grants) permission to be called.',
      details: { permission_status: status },
    };
  }
  const times = state.connectedBusinessCallsAt.map(toMs);
  const next = nextAllowedAt(times, policy.connectedCallLimit, now.getTime());
  if (next !== null) {
    return {
      ok: false, code: 'CALL_LIMIT_REACHED',
      message: `At most ${policy.connectedCallLimit.max} connected calls to this customer in 24 hours.`,
      details: { next_allowed_at: new Date(next).toISOString(), limit: policy.connectedCallLimit.max },
    };
  }
  return { ok: true, value: { connectedCallsLeft: policy.connectedCallLimit.max - countInWindow(times, policy.connectedCallLimit, now.getTime()) } };
}
