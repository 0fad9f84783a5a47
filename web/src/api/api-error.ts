import type { ApiErrorBody } from './types.js';

/** A refusal or failure from the server (or the network), carrying the server's error code. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | null;

  constructor(body: ApiErrorBody, status: number) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.status = status;
    this.details = body.details;
  }
}

/** Client-side codes, next to the server's catalogue (docs/errors.md). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const DESK_OFFLINE = 'DESK_OFFLINE';

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Reads `{error:{code,message,details}}`; anything else becomes an INTERNAL error with the status. */
export function errorFromBody(body: unknown, status: number): ApiError {
  const e = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError({ code: e.code, message: typeof e.message === 'string' ? e.message : e.code, details: e.details ?? null }, status);
  }
  return new ApiError({ code: status === 0 ? NETWORK_ERROR : 'INTERNAL', message: `Request failed (${status}).`, details: null }, status);
}
