import type { PairState } from '../state/types.js';

/**
 * Meta's call-permission rules as pure functions of a pair's state and `now` (ms). A send or a
 * call at time T counts in a rolling window while now < T + period.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
export const TEMPORARY_PERMISSION_MS = WEEK_MS;
export const CUSTOMER_WINDOW_MS = DAY_MS;
export const CPR_LIMITS = [
  { period: 'PT24H', ms: DAY_MS, max: 1 },
  { period: 'P7D', ms: WEEK_MS, max: 2 },
] as const;

export type PermissionView =
  | { status: 'no_permission' }
  | { status: 'temporary'; expiresAt: number }
  | { status: 'permanent' };

export function permissionAt(pair: PairState, now: number): PermissionView {
  const p = pair.permission;
  if (p.kind === 'permanent') return { status: 'permanent' };
  if (p.kind === 'temporary' && now < p.expiresAt) return { status: 'temporary', expiresAt: p.expiresAt };
  return { status: 'no_permission' };
}

interface WindowUsage {
  period: string;
  max: number;
  used: number;
  /** When the oldest counted event leaves the window (only meaningful when exhausted). */
  resetsAt?: number;
}

function windowUsage(times: number[], now: number, ms: number, max: number, period: string): WindowUsage {
  const inWindow = times.filter((t) => t <= now && now < t + ms).sort((a, b) => a - b);
  const usage: WindowUsage = { period, max, used: inWindow.length };
  if (inWindow.length >= max) usage.resetsAt = inWindow[inWindow.length - max]! + ms;
  return usage;
}

export const cprUsage = (pair: PairState, now: number): WindowUsage[] =>
  CPR_LIMITS.map((l) => windowUsage(pair.cprSentAt, now, l.ms, l.max, l.period));

export type CprBlock = { reason: 'permanent' } | { reason: 'limit'; nextAllowedAt: number };

/** Why a call-permission request may not be sent now (138017 / 138009), or undefined. */
export function cprBlock(pair: PairState, now: number): CprBlock | undefined {
  if (permissionAt(pair, now).status === 'permanent') return { reason: 'permanent' };
  const exhausted = cprUsage(pair, now).filter((u) => u.used >= u.max);
  if (exhausted.length > 0) return { reason: 'limit', nextAllowedAt: Math.max(...exhausted.map((u) => u.resetsAt!)) };
  return undefined;
}

export const connectedCallUsage = (pair: PairState, now: number, limit: number): WindowUsage =>
  windowUsage(pair.bicConnectedAt, now, DAY_MS, limit, 'PT24H');

export const customerWindowOpen = (pair: PairState, now: number): boolean =>
  pair.lastUserActivityAt !== undefined && now < pair.lastUserActivityAt + CUSTOMER_WINDOW_MS;

/** Any connected call, in either direction, resets the request counters. */
export function resetRequestLimits(pair: PairState): void {
  pair.cprSentAt = [];
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

function limitJson(u: WindowUsage): Record<string, unknown> {
  const out: Record<string, unknown> = { time_period: u.period, max_allowed: u.max, current_usage: u.used };
  if (u.used >= u.max && u.resetsAt !== undefined) out.limit_expiration_time = seconds(u.resetsAt);
  return out;
}

/** The body of `GET /{phone-number-id}/call_permissions?user_wa_id=…` (Meta §2.3 shape). */
export function callPermissionsBody(
  pair: PairState,
  now: number,
  opts: { connectedCallLimit: number; bicAllowed: boolean },
): Record<string, unknown> {
  const view = permissionAt(pair, now);
  const permission: Record<string, unknown> = { status: view.status };
  if (view.status === 'temporary') permission.expiration_time = seconds(view.expiresAt);
  const cpr = cprUsage(pair, now);
  const calls = connectedCallUsage(pair, now, opts.connectedCallLimit);
  return {
    messaging_product: 'whatsapp',
    permission,
    actions: [
      {
        action_name: 'send_call_permission_request',
        can_perform_action: opts.bicAllowed && cprBlock(pair, now) === undefined,
        limits: cpr.map(limitJson),
      },
      {
        action_name: 'start_call',
        can_perform_action: opts.bicAllowed && view.status !== 'no_permission' && calls.used < calls.max,
        limits: [limitJson(calls)],
      },
    ],
  };
}
