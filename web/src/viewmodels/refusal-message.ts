import { DESK_OFFLINE, NETWORK_ERROR } from '../api/api-error.js';
import type { MessageKey, Translate } from '../i18n/translate.js';

export interface RefusalMessage {
  title: string;
  body: string;
}

/** Every server code the desk explains in its own words (the rest get a generic sentence with the server's text). */
export const explainedCodes = [
  'OUTBOUND_DISABLED', 'VOICE_CALLING_DISABLED', 'NO_CALL_PERMISSION', 'NO_ACTIVE_CONVERSATION', 'PERMISSION_REQUEST_LIMIT',
  'ALREADY_PERMANENT', 'COUNTRY_NOT_SUPPORTED', 'DESTINATION_NOT_ALLOWED', 'DO_NOT_CALL', 'DENY_LISTED', 'CALL_LIMIT_REACHED',
  'INSUFFICIENT_BALANCE', 'NO_RATE_FOR_DESTINATION', 'RECIPIENT_UNCALLABLE', 'CALLING_RESTRICTED', 'DUPLICATE_CALL',
  'PROVIDER_RATE_LIMITED', 'PROVIDER_ERROR', 'PROVIDER_UNAVAILABLE', 'PROVIDER_AUTH_FAILED', 'OUTSIDE_SERVICE_WINDOW',
  'OFFER_TAKEN', 'CALL_STATE_CHANGED', 'AGENT_BUSY', 'TRANSFER_DISABLED', 'MEDIA_FAILED', 'INVALID_SDP', 'FORBIDDEN',
  'NOT_FOUND', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'LOGIN_THROTTLED', 'RATE_LIMITED', 'VALIDATION_FAILED',
  'INVALID_STATUS_CHANGE', 'NOT_A_CHANNEL_MEMBER', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'INTERNAL', 'ROUTE_NOT_FOUND',
  NETWORK_ERROR, DESK_OFFLINE,
] as const;

export type ExplainedCode = (typeof explainedCodes)[number];

const isExplained = (code: string): code is ExplainedCode => (explainedCodes as readonly string[]).includes(code);

export interface RefusalInput {
  code: string;
  message?: string;
  details?: Record<string, unknown> | null;
}

const detailTime = (details: Record<string, unknown> | null | undefined, fmt: (iso: string) => string): string | null => {
  for (const k of ['next_allowed_at', 'retry_at']) {
    const v = details?.[k];
    if (typeof v === 'string' && Number.isFinite(Date.parse(v))) return fmt(v);
  }
  const s = details?.retry_after_s;
  return typeof s === 'number' ? `${s} s` : null;
};

/** Names of the admins who can top up the voice balance (details of INSUFFICIENT_BALANCE). */
export function topUpContacts(details: Record<string, unknown> | null | undefined): string[] {
  const list = details?.top_up_contacts;
  if (!Array.isArray(list)) return [];
  return list.map((c) => (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string' ? (c as { name: string }).name : null)).filter((n): n is string => Boolean(n));
}

/** A refusal code (and its details) as a title and a sentence an agent understands, with what to do next. */
export function refusalMessage(e: RefusalInput, t: Translate, formatDateTime: (iso: string) => string): RefusalMessage {
  if (!isExplained(e.code)) {
    return { title: t('refusal.generic.title'), body: e.message ? t('refusal.generic.withMessage', { message: e.message }) : t('refusal.generic.body') };
  }
  const at = detailTime(e.details, formatDateTime);
  const title = t(`refusal.${e.code}.title` as MessageKey);
  const body = at && (e.code === 'PERMISSION_REQUEST_LIMIT' || e.code === 'CALL_LIMIT_REACHED' || e.code === 'LOGIN_THROTTLED')
    ? t(`refusal.${e.code}.bodyAt` as MessageKey, { at })
    : t(`refusal.${e.code}.body` as MessageKey);
  const admins = topUpContacts(e.details);
  if (e.code === 'INSUFFICIENT_BALANCE' && admins.length > 0) return { title, body: `${body} ${t('refusal.askAdmins', { names: admins.join(', ') })}` };
  return { title, body };
}
