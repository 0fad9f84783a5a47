/**
 * WhatsApp call permission per customer and channel (SPEC §5), as a plain JSON state moved by pure functions.
 * The app loads `PermissionState` (validate with `permissionStateSchema`), calls one function with `now`, saves
 * the result, and performs what it says (send the request, warn the agent, schedule `nextPendingExpiryAt`).
 *
 * - Requests: `canRequest` → `recordRequestSent`; limits 1/24 h and 2/7 days, rolling, reset by
 *   `onCallConnected`; pending requests close on `expirePending` (72 h), `onCallConnected`, `onRoomResolved`, or
 *   when a newer request is answered (`applyReply`).
 * - Answers (user or automatic, including the callback grant and the auto-revoke): `applyReply`.
 * - Calling: `canCall` (permission + connected-call limit), `onBusinessCallUnanswered` (warn at 2, revoke at 4).
 * - Reading: `effectiveStatus`, `summary` (room header), `shouldAutoRequestOnMissedCall`.
 * Every function takes an optional `PermissionPolicy` (defaults, or `permissionPolicyFromSettings`).
 */
export { answerFromProviderReply, applyReply, type PermissionReply } from './apply-reply.js';
export { canCall, type CanCallCode } from './can-call.js';
export { canRequest, type CanRequestCode, type CanRequestInput } from './can-request.js';
export { effectiveStatus, mayCall, type EffectivePermissionStatus } from './effective-status.js';
export { expirePending, nextPendingExpiryAt } from './expire-pending.js';
export { onBusinessCallUnanswered, type UnansweredOutcome } from './on-business-call-unanswered.js';
export { onCallConnected, type CallDirection } from './on-call-connected.js';
export { onRoomResolved } from './on-room-resolved.js';
export { summary, type PermissionSummary } from './permission-summary.js';
export {
  DAY_MS, defaultPermissionPolicy, HOUR_MS, permissionPolicyFromSettings, type PermissionPolicy, type RollingLimit,
} from './permission-policy.js';
export {
  grantStatuses, initialPermissionState, permissionAnswers, permissionStateSchema, requestCloseReasons, requestStatuses,
  type GrantStatus, type PermissionAnswer, type PermissionRequestRecord, type PermissionState, type RequestCloseReason,
  type RequestStatus,
} from './permission-state.js';
export { recordRequestSent } from './record-request-sent.js';
export { nextRequestAllowedAt } from './request-limits.js';
export { shouldAutoRequestOnMissedCall } from './should-auto-request.js';
