import type { CallPermission, PermissionVerdict } from '../api/types.js';
import type { Translate } from '../i18n/translate.js';
import { refusalMessage } from './refusal-message.js';

export interface ButtonModel {
  visible: boolean;
  enabled: boolean;
  /** Why the button is disabled, in plain words (shown next to it and as its title). */
  reason: string | null;
}

export interface PermissionHeaderModel {
  /** "Call permission: temporary", shown top right under the customer's name. */
  status: string;
  tone: 'ok' | 'pending' | 'blocked' | 'none';
  /** "Expires 2 Dec 2026, 14:05" for a temporary grant; "Invitation expires …" while pending. */
  expires: string | null;
  /** "Calls today: 1 of 10". */
  attempts: string;
  warning: string | null;
  invite: ButtonModel;
  call: ButtonModel;
}

export interface PermissionHeaderInput {
  permission: CallPermission | null;
  /** The permission could not be read (e.g. the feature is not available on this server yet). */
  unavailable?: boolean;
  outboundEnabled: boolean;
  windowOpen: boolean;
  roomOpen: boolean;
  onCall: boolean;
  now: number;
  formatDateTime: (iso: string) => string;
}

const later = (iso: string | null, now: number): boolean => iso !== null && Date.parse(iso) > now;

/** The room header's call-permission block and the Invite to call / Call buttons below the composer. */
export function permissionHeaderModel(input: PermissionHeaderInput, t: Translate): PermissionHeaderModel {
  const hidden: ButtonModel = { visible: false, enabled: false, reason: null };
  const p = input.permission;
  if (!p) {
    return {
      status: input.unavailable ? t('permission.unavailable') : t('permission.loading'),
      tone: 'none', expires: null, attempts: '', warning: null, invite: hidden, call: hidden,
    };
  }
  const { now } = input;
  const granted = p.status === 'temporary' || p.status === 'permanent';
  const statusText = t(`permission.status.${p.status}`);
  const pending = p.pending_request && later(p.pending_request.expires_at, now) ? p.pending_request : null;
  const expires = p.status === 'temporary' && p.expires_at ? t('permission.expires', { at: input.formatDateTime(p.expires_at) })
    : pending ? t('permission.inviteExpires', { at: input.formatDateTime(pending.expires_at) })
    : null;
  const tone: PermissionHeaderModel['tone'] = granted ? 'ok' : pending ? 'pending' : p.status === 'denied' || p.status === 'revoked' ? 'blocked' : 'none';
  const attempts = t('permission.attempts', { count: p.attempts.connected_last_24h, limit: p.attempts.limit_24h });
  const warning = p.warning === 'consecutive_unanswered' ? t('permission.warning', { count: p.attempts.consecutive_unanswered }) : null;

  if (!input.outboundEnabled) {
    return { status: statusText, tone, expires, attempts, warning: t('permission.outboundOff'), invite: hidden, call: hidden };
  }

  // The server's verdict, when it gives one, says best why a button would be refused (balance, country, lists…).
  const refused = (v: PermissionVerdict | undefined): string | null =>
    v && !v.allowed && v.refusal ? refusalMessage({ code: v.refusal.code, message: v.refusal.message, details: v.refusal.details ?? null }, t, input.formatDateTime).body : null;

  // Invite to call: until the customer grants; after a grant the same place shows Call.
  let invite: ButtonModel = hidden;
  if (!granted) {
    const reason = !input.roomOpen ? t('permission.reason.roomResolved')
      : p.invite ? refused(p.invite)
      : pending ? t('permission.reason.pending')
      : later(p.next_request_allowed_at, now) ? t('permission.reason.requestLimit', { at: input.formatDateTime(p.next_request_allowed_at!) })
      : null;
    invite = { visible: true, enabled: reason === null, reason };
  }

  // Call: only with a grant; hidden after a denial (the customer said no).
  let call: ButtonModel = hidden;
  if (granted) {
    const reason = input.onCall ? t('permission.reason.onCall')
      : p.call ? refused(p.call)
      : later(p.next_call_allowed_at, now) ? t('permission.reason.callLimit', { at: input.formatDateTime(p.next_call_allowed_at!) })
      : null;
    call = { visible: true, enabled: reason === null, reason };
  }
  return { status: statusText, tone, expires, attempts, warning, invite, call };
}
