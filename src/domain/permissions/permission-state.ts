import { z } from 'zod';

/** The customer's last answer as we know it. `revoked` = withdrawn automatically (4 unanswered calls). */
export const grantStatuses = ['none', 'temporary', 'permanent', 'denied', 'revoked'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

export const requestStatuses = ['pending', 'answered', 'expired', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestCloseReasons = ['expired', 'call_connected', 'superseded', 'room_resolved'] as const;
export type RequestCloseReason = (typeof requestCloseReasons)[number];

export const permissionAnswers = ['permanent', 'temporary', 'deny'] as const;
export type PermissionAnswer = (typeof permissionAnswers)[number];

const iso = z.iso.datetime({ offset: true });

export const permissionRequestRecordSchema = z.object({
  id: z.string().min(1),
  sentAt: iso,
  status: z.enum(requestStatuses),
  endedAt: iso.nullable(),
  endReason: z.enum(requestCloseReasons).nullable(),
  answer: z.enum(permissionAnswers).nullable(),
});
export type PermissionRequestRecord = z.infer<typeof permissionRequestRecordSchema>;

/**
 * Call permission of one customer on one channel (SPEC §5) as plain JSON: the app stores it in a row, passes it
 * to these functions with `now`, and saves what they return. Times are ISO 8601 strings.
 */
export const permissionStateSchema = z.object({
  status: z.enum(grantStatuses),
  /** When the current grant or denial was given. */
  decidedAt: iso.nullable(),
  /** Temporary grants only. */
  expiresAt: iso.nullable(),
  source: z.enum(['user_action', 'automatic']).nullable(),
  /** Recent requests, oldest first (requests older than the longest limit window are pruned, but the last one stays). */
  requests: z.array(permissionRequestRecordSchema),
  /** A connected call resets the request limits: requests sent before this instant no longer count. */
  countersResetAt: iso.nullable(),
  consecutiveUnanswered: z.number().int().min(0),
  /** Connected business-initiated calls inside the rolling call-limit window. */
  connectedBusinessCallsAt: z.array(iso),
});
export type PermissionState = z.infer<typeof permissionStateSchema>;

export function initialPermissionState(): PermissionState {
  return {
    status: 'none', decidedAt: null, expiresAt: null, source: null, requests: [], countersResetAt: null,
    consecutiveUnanswered: 0, connectedBusinessCallsAt: [],
  };
}

export const toIso = (t: Date | number): string => new Date(t).toISOString();
export const toMs = (iso: string): number => Date.parse(iso);
