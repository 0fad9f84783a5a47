/**
 * The closed set of error codes Switchboard answers with. Each code has one HTTP status and one
 * meaning; docs/errors.md lists them (a test keeps the two in step). Code branches on `code`,
 * never on the message.
 */
export const errorCatalog = {
  // Request shape
  VALIDATION_FAILED: { status: 400, description: 'The request body, query or path failed validation; details name each invalid field path.' },
  INVALID_JSON: { status: 400, description: 'The body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The body is larger than the limit for this route.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The Content-Type is not accepted by this route.' },
  INVALID_PHONE_NUMBER: { status: 400, description: 'A phone number could not be parsed as a valid international number.' },
  // Identity and access
  UNAUTHENTICATED: { status: 401, description: 'No valid session cookie or bearer token.' },
  INVALID_CREDENTIALS: { status: 401, description: 'Email or password is wrong.' },
  FORBIDDEN: { status: 403, description: 'The caller is signed in but their role may not do this.' },
  LOGIN_THROTTLED: { status: 429, description: 'Too many failed logins for this account or address; details.retry_after_s says when to retry.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests.' },
  // Resources
  NOT_FOUND: { status: 404, description: 'No such resource in the caller\'s tenant.' },
  ROUTE_NOT_FOUND: { status: 404, description: 'No such route.' },
  CONFLICT: { status: 409, description: 'The request conflicts with the current state of the resource.' },
  EMAIL_TAKEN: { status: 409, description: 'Another user already has this email.' },
  DUPLICATE_NAME: { status: 409, description: 'Another resource of this kind already has this name.' },
  PHONE_NUMBER_ID_TAKEN: { status: 409, description: 'Another channel already uses this phone_number_id.' },
  CONTACT_EXISTS: { status: 409, description: 'A contact with this phone number already exists.' },
  AGENT_IN_OTHER_RING_GROUP: { status: 409, description: 'The agent already belongs to another ring group of the same channel.' },
  RING_GROUP_MODE_TAKEN: { status: 409, description: 'The channel already has a ring group with this mode.' },
  NOT_A_CHANNEL_MEMBER: { status: 409, description: 'The agent is not a member of the channel.' },
  IN_USE: { status: 409, description: 'The resource is referenced elsewhere and cannot be deleted.' },
  CALLING_PREREQUISITES_MISSING: { status: 409, description: 'Voice calling needs a rate table and a voice balance for the tenant first.' },
  INVALID_STATUS_CHANGE: { status: 409, description: 'The requested presence change is not allowed now.' },
  // Calls
  OFFER_TAKEN: { status: 409, description: 'Another agent already accepted this call.' },
  CALL_STATE_CHANGED: { status: 409, description: 'The call moved on since the command was issued; nothing was changed.' },
  AGENT_BUSY: { status: 409, description: 'The agent is already on a call.' },
  TRANSFER_DISABLED: { status: 409, description: 'Transfers are disabled on this channel.' },
  // Outbound calls and permissions
  OUTBOUND_DISABLED: { status: 409, description: 'Business-initiated calls are disabled on this channel.' },
  VOICE_CALLING_DISABLED: { status: 409, description: 'Voice calling is not enabled on this channel.' },
  NO_CALL_PERMISSION: { status: 409, description: 'The customer has not granted (or no longer grants) permission to be called.' },
  NO_ACTIVE_CONVERSATION: { status: 409, description: 'A call-permission request needs an active conversation with the customer.' },
  PERMISSION_REQUEST_LIMIT: { status: 409, description: 'Call-permission request limit reached; details.next_allowed_at says when the next one is allowed.' },
  ALREADY_PERMANENT: { status: 409, description: 'The customer already granted permanent call permission.' },
  COUNTRY_NOT_SUPPORTED: { status: 409, description: 'Business-initiated calling is not available for this business number\'s country.' },
  DESTINATION_NOT_ALLOWED: { status: 409, description: 'The destination country is not in the tenant\'s allowed list.' },
  DO_NOT_CALL: { status: 409, description: 'The number is on the do-not-call list.' },
  DENY_LISTED: { status: 409, description: 'The number is on the deny list (or not on the allow list).' },
  CALL_LIMIT_REACHED: { status: 409, description: 'The connected-call limit for this customer in 24 h is reached; details.next_allowed_at says when.' },
  INSUFFICIENT_BALANCE: { status: 402, description: 'The voice balance is below the minimum needed to call.' },
  TOP_UP_TOO_SMALL: { status: 400, description: 'A top-up is below the minimum top-up amount.' },
  // Provider
  PROVIDER_ERROR: { status: 502, description: 'The messaging/calling provider refused or failed; details carry its own code and message.' },
  PROVIDER_UNAVAILABLE: { status: 503, description: 'The provider could not be reached after retries.' },
  RECIPIENT_UNCALLABLE: { status: 409, description: 'The provider says the customer cannot receive calls.' },
  CALLING_RESTRICTED: { status: 409, description: 'The provider has temporarily restricted calling on this number.' },
  DUPLICATE_CALL: { status: 409, description: 'A call between this business number and the customer is already in progress.' },
  PROVIDER_RATE_LIMITED: { status: 429, description: 'The provider\'s rate or concurrency limit was hit; try again later.' },
  PROVIDER_AUTH_FAILED: { status: 502, description: 'The provider rejected the channel\'s access token.' },
  OUTSIDE_SERVICE_WINDOW: { status: 409, description: 'Free-form messages need an open 24 h customer-service window; send a template instead.' },
  // Media
  MEDIA_FAILED: { status: 502, description: 'The media bridge could not set up or keep the call\'s audio.' },
  INVALID_SDP: { status: 400, description: 'A session description could not be used.' },
  INVALID_AUDIO: { status: 400, description: 'An uploaded audio file is not valid Ogg/Opus.' },
  // Server
  SERVICE_UNAVAILABLE: { status: 503, description: 'A dependency (database, media workers) is not ready.' },
  INTERNAL: { status: 500, description: 'An unexpected failure; it is logged with a request id.' },
  // Outbound calls (appended)
  NO_RATE_FOR_DESTINATION: { status: 409, description: 'The tenant\'s rate table has no rate for the destination country and no default rate.' },
  // Administration (appended)
  SYSTEM_PAUSE_REASON: { status: 409, description: 'The pause reason is applied by the system (e.g. "Missed calls") and cannot be deleted.' },
  NUMBER_ALREADY_LISTED: { status: 409, description: 'The number is already on this compliance list.' },
  // Business records (appended)
  DISPOSITION_REQUIRED: { status: 409, description: 'The call\'s channel makes a disposition mandatory: once the call has ended its disposition can be changed but not cleared.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A result at an integration edge: rules return reasons, callers decide whether to throw. */
export type Result<T, C extends string = ErrorCode> =
  | { ok: true; value: T }
  | { ok: false; code: C; message: string; details?: Record<string, unknown> };
