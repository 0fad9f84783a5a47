import type { PermissionLimit, ProviderPermissionState } from '../../app/ports/provider.js';

/** `GET /{phone-number-id}/call_permissions` as Meta answers it (reference §2.3). */
export interface RawLimit { time_period?: string; max_allowed?: number; current_usage?: number; limit_expiration_time?: number }
export interface RawPermissions {
  permission?: { status?: string; expiration_time?: number };
  actions?: { action_name?: string; can_perform_action?: boolean; limits?: RawLimit[] }[];
}

const at = (seconds: number | undefined): Date | null => (typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000) : null);

/**
 * Meta's permission state in our words. Status is case-normalised; `expiration_time` exists only
 * for temporary permissions and `limit_expiration_time` only when a limit is exhausted.
 */
export function toPermissionState(raw: RawPermissions | undefined): ProviderPermissionState {
  const status = (raw?.permission?.status ?? 'no_permission').toLowerCase();
  const action = (name: string) => raw?.actions?.find((a) => a.action_name === name);
  const limits = (name: string): PermissionLimit[] =>
    (action(name)?.limits ?? []).map((l) => ({
      period: l.time_period ?? '', maxAllowed: l.max_allowed ?? 0, currentUsage: l.current_usage ?? 0, limitExpiresAt: at(l.limit_expiration_time),
    }));
  return {
    status: status === 'temporary' || status === 'permanent' ? status : 'no_permission',
    expiresAt: at(raw?.permission?.expiration_time),
    canRequest: action('send_call_permission_request')?.can_perform_action ?? false,
    canCall: action('start_call')?.can_perform_action ?? false,
    requestLimits: limits('send_call_permission_request'),
    callLimits: limits('start_call'),
  };
}
