import { newFbTraceId } from '../ids.js';

/**
 * An error answered in Graph's envelope:
 * `{"error":{"message","type":"OAuthException","code","error_subcode?","error_data":{"details"}?,"fbtrace_id"}}`.
 */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly details?: string,
    readonly subcode?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }

  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { message: this.message, type: 'OAuthException', code: this.code };
    if (this.subcode !== undefined) error.error_subcode = this.subcode;
    if (this.details !== undefined) error.error_data = { messaging_product: 'whatsapp', details: this.details };
    error.fbtrace_id = newFbTraceId();
    return { error };
  }
}

/** Code 100, HTTP 400: invalid parameter, with `error_data.details` saying which. */
export const invalidParameter = (details: string, message = '(#100) Invalid parameter'): GraphError =>
  new GraphError(400, 100, message, details);

export const graphErrors = {
  invalidToken: () =>
    new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token', undefined, undefined),
  unknownObject: (id: string) =>
    new GraphError(
      400,
      100,
      `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      undefined,
      33,
    ),
  unknownPath: (path: string) => new GraphError(400, 2500, `Unknown path components: ${path}`),
  callingDisabled: () =>
    new GraphError(401, 138000, '(#138000) Calling not enabled', 'Calling is not enabled for this phone number.'),
  sipEnabled: () =>
    new GraphError(400, 131055, '(#131055) Method not allowed', 'Calling APIs are not available when SIP is enabled on this phone number.'),
  duplicateCall: () =>
    new GraphError(400, 138003, '(#138003) Duplicate call', 'A call between this business number and this user is already ongoing.'),
  noPermission: () =>
    new GraphError(401, 138006, '(#138006) No approved call permission', 'The user has not granted permission to be called by this business number.'),
  cprLimit: (nextAllowed: number) =>
    new GraphError(
      400,
      138009,
      '(#138009) Call permission request limit reached',
      `Call permission request limit reached for this user. Next request allowed at ${new Date(nextAllowed).toISOString()} (${Math.floor(nextAllowed / 1000)}).`,
    ),
  connectedCallLimit: (nextAllowed: number, limit: number) =>
    new GraphError(
      400,
      138012,
      '(#138012) Business initiated calls limit reached',
      `Limit of ${limit} connected business-initiated calls per 24 hours reached for this user. Next call allowed at ${new Date(nextAllowed).toISOString()} (${Math.floor(nextAllowed / 1000)}).`,
    ),
  countryRestricted: (country: string) =>
    new GraphError(400, 138013, '(#138013) Business initiated calling not available', `Business-initiated calling is not available for business phone numbers in ${country}.`),
  permanentExists: () =>
    new GraphError(400, 138017, '(#138017) Call permission request not sent', 'The user has already granted permanent call permission to this business number.'),
  reengagement: () =>
    new GraphError(
      400,
      131047,
      '(#131047) Re-engagement message',
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    ),
};
