import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../../src/domain/errors.js';
import { toPermissionState } from '../../../../src/providers/meta/call-permissions.js';
import { graphErrorCodes, mapGraphError, nextAllowedAt } from '../../../../src/providers/meta/graph-errors.js';

describe('Graph errors → our codes', () => {
  it('every mapped Graph code lands on a code of our catalogue', () => {
    for (const code of Object.values(graphErrorCodes)) expect(errorCatalog).toHaveProperty(code);
  });

  it('keeps Meta\'s code, message, details and trace id in details; our message does not depend on Meta\'s text', () => {
    const e = mapGraphError(401, { message: '(#138006) No approved call permission', type: 'OAuthException', code: 138006, error_data: { details: 'not granted' }, fbtrace_id: 'AbC' });
    expect(e.code).toBe('NO_CALL_PERMISSION');
    expect(e.details).toEqual({
      provider: 'meta', http_status: 401, provider_code: 138006, provider_subcode: null, provider_message: '(#138006) No approved call permission',
      provider_details: 'not granted', fbtrace_id: 'AbC',
    });
    expect(mapGraphError(401, { message: 'something else entirely', code: 138006 }).message).toBe(e.message);
  });

  it('an unknown code: 4xx is a provider error, 429 a rate limit, 5xx unavailable', () => {
    expect(mapGraphError(400, { code: 131055, message: 'Method not allowed' }).code).toBe('PROVIDER_ERROR');
    expect(mapGraphError(400, { code: 131055, message: 'Method not allowed' }).message).toContain('Method not allowed');
    expect(mapGraphError(429, undefined).code).toBe('PROVIDER_RATE_LIMITED');
    expect(mapGraphError(503, undefined).code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapGraphError(400, { code: 100, error_data: 'plain string details' }).details).toMatchObject({ provider_details: 'plain string details' });
  });

  it('the next allowed time of 138009 / 138012 is read from the details when present', () => {
    expect(nextAllowedAt('Next request allowed at 2026-03-03T09:00:00.000Z (1772528400).')).toBe('2026-03-03T09:00:00.000Z');
    expect(nextAllowedAt('Try again after 1772528400')).toBe('2026-03-03T09:00:00.000Z');
    expect(nextAllowedAt('no time here')).toBeNull();
    const e = mapGraphError(400, { code: 138012, message: '(#138012) limit', error_data: { details: 'Next call allowed at 2026-03-03T09:00:00Z.' } });
    expect(e).toMatchObject({ code: 'CALL_LIMIT_REACHED', details: { next_allowed_at: '2026-03-03T09:00:00.000Z' } });
    expect(mapGraphError(400, { code: 138003, error_data: { details: 'at 2026-03-03T09:00:00Z' } }).details).not.toHaveProperty('next_allowed_at');
  });
});

describe('call_permissions answer (reference §2.3)', () => {
  it('parses status, expiry and the limits of both actions', () => {
    const s = toPermissionState({
      permission: { status: 'TEMPORARY', expiration_time: 1745343479 },
      actions: [
        { action_name: 'send_call_permission_request', can_perform_action: true, limits: [{ time_period: 'PT24H', max_allowed: 1, current_usage: 0 }, { time_period: 'P7D', max_allowed: 2, current_usage: 1 }] },
        { action_name: 'start_call', can_perform_action: false, limits: [{ time_period: 'PT24H', max_allowed: 100, current_usage: 100, limit_expiration_time: 1745622600 }] },
      ],
    });
    expect(s).toEqual({
      status: 'temporary', expiresAt: new Date(1745343479 * 1000), canRequest: true, canCall: false,
      requestLimits: [{ period: 'PT24H', maxAllowed: 1, currentUsage: 0, limitExpiresAt: null }, { period: 'P7D', maxAllowed: 2, currentUsage: 1, limitExpiresAt: null }],
      callLimits: [{ period: 'PT24H', maxAllowed: 100, currentUsage: 100, limitExpiresAt: new Date(1745622600 * 1000) }],
    });
  });

  it('an empty or unknown answer is no permission', () => {
    expect(toPermissionState(undefined)).toMatchObject({ status: 'no_permission', expiresAt: null, canCall: false, canRequest: false, callLimits: [] });
    expect(toPermissionState({ permission: { status: 'weird' } }).status).toBe('no_permission');
  });
});
