import { describe, expect, it } from 'vitest';
import { checkPermissionRequest, type PermissionRequestRefusalCode } from '../../../src/domain/compliance/index.js';
import { recordRequestSent } from '../../../src/domain/permissions/index.js';
import { customer, now, outboundFacts } from './outbound-fixtures.js';

const facts = (over: Parameters<typeof outboundFacts>[0] = {}) => ({ ...outboundFacts({ permission: null, ...over }), hasActiveConversation: true });
type Facts = ReturnType<typeof facts>;

const breakers: Array<[PermissionRequestRefusalCode, (f: Facts) => Facts]> = [
  ['VOICE_CALLING_DISABLED', (f) => ({ ...f, channel: { ...f.channel, voiceCallingEnabled: false } })],
  ['OUTBOUND_DISABLED', (f) => ({ ...f, channel: { ...f.channel, outboundEnabled: false } })],
  ['COUNTRY_NOT_SUPPORTED', (f) => ({ ...f, channel: { ...f.channel, businessNumber: '+2348031234567' } })],
  ['DESTINATION_NOT_ALLOWED', (f) => ({ ...f, allowedDestinationCountries: ['SG'] })],
  ['DO_NOT_CALL', (f) => ({ ...f, numberLists: { ...f.numberLists, doNotCall: [customer] } })],
  ['DENY_LISTED', (f) => ({ ...f, numberLists: { ...f.numberLists, deny: [customer] } })],
  ['NO_ACTIVE_CONVERSATION', (f) => ({ ...f, hasActiveConversation: false })],
  ['INSUFFICIENT_BALANCE', (f) => ({ ...f, balance: { currency: 'IDR', amountMinor: 0 } })],
];

describe('checkPermissionRequest (Invite to call)', () => {
  it('allows a first request', () => {
    expect(checkPermissionRequest(facts())).toEqual({ ok: true, value: undefined });
  });

  it.each(breakers)('refuses with %s', (code, breakIt) => {
    expect(checkPermissionRequest(breakIt(facts()))).toMatchObject({ ok: false, code });
  });

  it('a case failing two checks gets the first code', () => {
    for (let i = 0; i < breakers.length; i++) {
      for (let j = i + 1; j < breakers.length; j++) {
        const result = checkPermissionRequest(breakers[i]![1](breakers[j]![1](facts())));
        expect(result.ok ? 'ok' : result.code).toBe(breakers[i]![0]);
      }
    }
  });

  it('refuses over the request limits, and asking someone with permanent permission', () => {
    const asked = recordRequestSent(outboundFacts().permission!, { requestId: 'r1', now: new Date(now.getTime() - 3_600_000) });
    expect(checkPermissionRequest(facts({ permission: asked }))).toMatchObject({ code: 'PERMISSION_REQUEST_LIMIT' });
    const permanent = { ...asked, status: 'permanent' as const, expiresAt: null };
    expect(checkPermissionRequest(facts({ permission: permanent }))).toMatchObject({ code: 'ALREADY_PERMANENT' });
  });
});
