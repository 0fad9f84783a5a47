import type { Result } from '../errors.js';
import { effectiveStatus } from './effective-status.js';
import { defaultPermissionPolicy, type PermissionPolicy } from './permission-policy.js';
import type { PermissionState } from './permission-state.js';
import { nextRequestAllowedAt } from './request-limits.js';

export interface CanRequestInput {
  now: Date;
  /** The customer has an active conversation (marketing, utility, authentication, service or free entry point). */
  hasActiveConversation: boolean;
}

export type CanRequestCode = 'ALREADY_PERMANENT' | 'NO_ACTIVE_CONVERSATION' | 'PERMISSION_REQUEST_LIMIT';

/** May a call-permission request be sent to this customer now (SPEC §5)? */
export function canRequest(
  state: PermissionState, input: CanRequestInput, policy: PermissionPolicy = defaultPermissionPolicy,
): Result<undefined, CanRequestCode> {
  if (effectiveStatus(state, input.now) === 'permanent') {
    return { ok: false, code: 'ALREADY_PERMANENT', message: 'The customer already granted permanent call permission.', details: {} };
  }
  if (!input.hasActiveConversation) {
    return {
      ok: false, code: 'NO_ACTIVE_CONVERSATION',
      message: 'A call-permission request needs an active conversation with the customer.', details: {},
    };
  }
  const next = nextRequestAllowedAt(state, input.now, policy);
  if (next !== null) {
    return {
      ok: false, code: 'PERMISSION_REQUEST_LIMIT',
      message: 'At most 1 call-permission request per 24 hours and 2 per 7 days.',
      details: { next_allowed_at: next.toISOString() },
    };
  }
  return { ok: true, value: undefined };
}
