import { AppError, type ErrorCode } from '../../domain/errors.js';

/** Graph error codes (reference §5) mapped to ours by number, never by message text. */
export const graphErrorCodes: Readonly<Record<number, ErrorCode>> = {
  100: 'PROVIDER_ERROR',
  190: 'PROVIDER_AUTH_FAILED',
  613: 'PROVIDER_RATE_LIMITED',
  131026: 'RECIPIENT_UNCALLABLE',
  131030: 'RECIPIENT_UNCALLABLE',
  131047: 'OUTSIDE_SERVICE_WINDOW',
  138000: 'VOICE_CALLING_DISABLED',
  138001: 'RECIPIENT_UNCALLABLE',
  138002: 'PROVIDER_RATE_LIMITED',
  138003: 'DUPLICATE_CALL',
  138005: 'PROVIDER_RATE_LIMITED',
  138006: 'NO_CALL_PERMISSION',
  138009: 'PERMISSION_REQUEST_LIMIT',
  138012: 'CALL_LIMIT_REACHED',
  138013: 'COUNTRY_NOT_SUPPORTED',
  138014: 'CALLING_RESTRICTED',
  138017: 'ALREADY_PERMANENT',
};

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_msg?: string;
  error_data?: { details?: string } | string;
  fbtrace_id?: string;
}

const detailsOf = (err: GraphErrorBody | undefined): string | null => {
  const d = err?.error_data;
  if (typeof d === 'string') return d;
  return typeof d?.details === 'string' ? d.details : null;
};

/**
 * The next allowed time Meta puts in the details of 138009 / 138012 (its wording is not
 * published): the first ISO-8601 time, else the first 10-digit epoch seconds.
 */
export function nextAllowedAt(details: string | null): string | null {
  if (!details) return null;
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})/.exec(details)?.[0];
  const d = iso ? new Date(iso) : /\b\d{10}\b/.test(details) ? new Date(Number(/\b(\d{10})\b/.exec(details)![1]) * 1000) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

/** Graph's error envelope → our AppError: our code by Meta's number, Meta's own words kept in `details`. */
export function mapGraphError(httpStatus: number, err: GraphErrorBody | undefined): AppError {
  const code = err?.code !== undefined ? graphErrorCodes[err.code] : undefined;
  const providerDetails = detailsOf(err);
  const next = code === 'PERMISSION_REQUEST_LIMIT' || code === 'CALL_LIMIT_REACHED' ? nextAllowedAt(providerDetails) : null;
  const details = {
    provider: 'meta',
    http_status: httpStatus,
    provider_code: err?.code ?? null,
    provider_subcode: err?.error_subcode ?? null,
    provider_message: err?.message ?? null,
    provider_details: providerDetails,
    fbtrace_id: err?.fbtrace_id ?? null,
    ...(next ? { next_allowed_at: next } : {}),
  };
  if (code) return new AppError(code, messageFor(code, err), details);
  if (httpStatus === 429) return new AppError('PROVIDER_RATE_LIMITED', 'WhatsApp is rate limiting this number; try again shortly.', details);
  if (httpStatus >= 500) return new AppError('PROVIDER_UNAVAILABLE', 'WhatsApp failed to handle the request; try again shortly.', details);
  return new AppError('PROVIDER_ERROR', `WhatsApp refused the request${err?.message ? `: ${err.message}` : ''}.`, details);
}

function messageFor(code: ErrorCode, err: GraphErrorBody | undefined): string {
  switch (code) {
    case 'NO_CALL_PERMISSION': return 'WhatsApp says the customer has not granted call permission.';
    case 'COUNTRY_NOT_SUPPORTED': return 'WhatsApp does not allow business-initiated calls from this number\'s country.';
    case 'PERMISSION_REQUEST_LIMIT': return 'WhatsApp refused: call-permission request limit reached for this customer.';
    case 'CALL_LIMIT_REACHED': return 'WhatsApp refused: connected-call limit reached for this customer in 24 h.';
    case 'ALREADY_PERMANENT': return 'The customer already granted permanent call permission.';
    case 'VOICE_CALLING_DISABLED': return 'Calling is not enabled on this WhatsApp number.';
    case 'DUPLICATE_CALL': return 'A call with this customer is already in progress.';
    case 'RECIPIENT_UNCALLABLE': return 'WhatsApp says this customer cannot be reached.';
    case 'CALLING_RESTRICTED': return 'WhatsApp has temporarily restricted calling on this number.';
    case 'OUTSIDE_SERVICE_WINDOW': return 'The 24 h customer-service window is closed; send a template.';
    case 'PROVIDER_AUTH_FAILED': return 'WhatsApp rejected the channel\'s access token.';
    case 'PROVIDER_RATE_LIMITED': return 'WhatsApp is rate limiting this number; try again shortly.';
    default: return `WhatsApp refused the request${err?.message ? `: ${err.message}` : ''}.`;
  }
}
