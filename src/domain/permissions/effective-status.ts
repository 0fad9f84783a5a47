import { assertNever } from '../assert-never.js';
import { toMs, type PermissionState } from './permission-state.js';

export type EffectivePermissionStatus = 'none' | 'temporary' | 'permanent' | 'denied' | 'revoked' | 'expired';

/** The status at `now`: a temporary grant is `expired` from its expiry instant on. */
export function effectiveStatus(state: PermissionState, now: Date): EffectivePermissionStatus {
  switch (state.status) {
    case 'temporary':
      return state.expiresAt !== null && now.getTime() >= toMs(state.expiresAt) ? 'expired' : 'temporary';
    case 'none':
    case 'permanent':
    case 'denied':
    case 'revoked':
      return state.status;
    default:
      return assertNever(state.status, 'permission status');
  }
}

export const mayCall = (status: EffectivePermissionStatus): boolean => status === 'temporary' || status === 'permanent';
