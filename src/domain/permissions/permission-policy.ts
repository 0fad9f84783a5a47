import type { TenantSettings } from '../settings.js';

export interface RollingLimit {
  windowMs: number;
  max: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The numbers behind the call-permission rules (SPEC §5). Platform rules are fixed; the rest are tenant settings. */
export interface PermissionPolicy {
  /** Platform rule: 1 request per 24 h and 2 per 7 days, reset by a connected call. */
  requestLimits: RollingLimit[];
  /** A pending request without reply closes after this long (product default 72 h). */
  pendingRequestTtlMs: number;
  /** A temporary grant without its own expiration lasts this long from approval (platform rule, 604 800 s). */
  temporaryGrantMs: number;
  /** Consecutive unanswered or rejected business calls before the agent is warned. */
  warnAfterUnanswered: number;
  /** Consecutive unanswered or rejected business calls that revoke the permission. */
  revokeAfterUnanswered: number;
  /** Connected business-initiated calls per customer in a rolling window. */
  connectedCallLimit: RollingLimit;
}

export const defaultPermissionPolicy: PermissionPolicy = {
  requestLimits: [{ windowMs: DAY_MS, max: 1 }, { windowMs: 7 * DAY_MS, max: 2 }],
  pendingRequestTtlMs: 72 * HOUR_MS,
  temporaryGrantMs: 604_800_000,
  warnAfterUnanswered: 2,
  revokeAfterUnanswered: 4,
  connectedCallLimit: { windowMs: DAY_MS, max: 10 },
};

export function permissionPolicyFromSettings(
  settings: Pick<TenantSettings, 'permission_request_expiry_h' | 'business_calls_per_24h'>,
): PermissionPolicy {
  return {
    ...defaultPermissionPolicy,
    pendingRequestTtlMs: settings.permission_request_expiry_h * HOUR_MS,
    connectedCallLimit: { windowMs: DAY_MS, max: settings.business_calls_per_24h },
  };
}
