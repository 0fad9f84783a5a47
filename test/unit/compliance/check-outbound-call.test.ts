import { describe, expect, it } from 'vitest';
import { checkOutboundCall, type OutboundRefusalCode } from '../../../src/domain/compliance/index.js';
import { customer, granted, now, outboundFacts } from './outbound-fixtures.js';

type Facts = ReturnType<typeof outboundFacts>;
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

/** One way to fail each check; they compose, so any two can be broken at once. */
const breakers: Array<[OutboundRefusalCode, (f: Facts) => Facts]> = [
  ['INVALID_PHONE_NUMBER', (f) => ({ ...f, destinationNumber: '+12' })],
  ['VOICE_CALLING_DISABLED', (f) => ({ ...f, channel: { ...f.channel, voiceCallingEnabled: false } })],
  ['OUTBOUND_DISABLED', (f) => ({ ...f, channel: { ...f.channel, outboundEnabled: false } })],
  ['NO_CALL_PERMISSION', (f) => ({ ...f, permission: { ...f.permission!, status: 'denied', expiresAt: null } })],
  ['COUNTRY_NOT_SUPPORTED', (f) => ({ ...f, channel: { ...f.channel, businessNumber: '+12025550123' } })],
  ['DESTINATION_NOT_ALLOWED', (f) => ({ ...f, allowedDestinationCountries: ['SG', 'MY'] })],
  ['DO_NOT_CALL', (f) => ({ ...f, numberLists: { ...f.numberLists, doNotCall: ['+62 812-3456-7890'] } })],
  ['DENY_LISTED', (f) => ({ ...f, numberLists: { ...f.numberLists, deny: [customer] } })],
  ['CALL_LIMIT_REACHED', (f) => ({ ...f, permission: { ...f.permission!, connectedBusinessCallsAt: Array.from({ length: 10 }, (_, i) => hoursAgo(20 - i)) } })],
  ['NO_RATE_FOR_DESTINATION', (f) => ({ ...f, rateTable: { currency: 'IDR', rows: [{ country: 'SG', perMinuteMinor: 1 }] } })],
  ['INSUFFICIENT_BALANCE', (f) => ({ ...f, balance: { currency: 'IDR', amountMinor: 49_999 } })],
  ['AGENT_BUSY', (f) => ({ ...f, agentOnCall: true })],
];

describe('checkOutboundCall', () => {
  it('clears a call that passes every check, with the rate and the balance cut-off', () => {
    expect(checkOutboundCall(outboundFacts())).toEqual({
      ok: true,
      value: { destinationCountry: 'ID', rate: { currency: 'IDR', perMinuteMinor: 1_000, country: 'ID' }, cutoffAfterSeconds: 6_000, warnConsecutiveUnanswered: false },
    });
  });

  it.each(breakers)('refuses with %s', (code, breakIt) => {
    const result = checkOutboundCall(breakIt(outboundFacts()));
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).not.toBe('');
  });

  it('a case failing two checks gets the first code, for every pair in the order', () => {
    for (let i = 0; i < breakers.length; i++) {
      for (let j = i + 1; j < breakers.length; j++) {
        const [first, breakFirst] = breakers[i]!;
        const [, breakSecond] = breakers[j]!;
        const result = checkOutboundCall(breakFirst(breakSecond(outboundFacts())));
        expect(result.ok ? 'ok' : result.code, `${breakers[i]![0]} + ${breakers[j]![0]}`).toBe(first);
      }
    }
  });

  it('no permission at all, an expired one and a revoked one are NO_CALL_PERMISSION', () => {
    expect(checkOutboundCall(outboundFacts({ permission: null }))).toMatchObject({ code: 'NO_CALL_PERMISSION', details: { permission_status: 'none' } });
    expect(checkOutboundCall(outboundFacts({ now: new Date('2026-03-08T08:00:00.000Z') })))
      .toMatchObject({ code: 'NO_CALL_PERMISSION', details: { permission_status: 'expired' } });
    expect(checkOutboundCall(outboundFacts({ permission: { ...granted, status: 'revoked' } }))).toMatchObject({ code: 'NO_CALL_PERMISSION' });
  });

  it('the call limit says when the next call is allowed', () => {
    const [, limit] = breakers.find(([c]) => c === 'CALL_LIMIT_REACHED')!;
    expect(checkOutboundCall(limit(outboundFacts()))).toMatchObject({ details: { next_allowed_at: hoursAgo(20 - 24) } });
  });

  it('a non-empty allow list refuses numbers not on it, as DENY_LISTED', () => {
    expect(checkOutboundCall(outboundFacts({ numberLists: { doNotCall: [], deny: [], allow: ['+6281111111111'] } })))
      .toMatchObject({ ok: false, code: 'DENY_LISTED', details: { list: 'allow' } });
    expect(checkOutboundCall(outboundFacts({ numberLists: { doNotCall: [], deny: [], allow: ['6281234567890'] } })).ok).toBe(true);
  });

  it('a balance above the minimum that cannot pay the first minute is INSUFFICIENT_BALANCE', () => {
    const rateTable = { currency: 'IDR', rows: [{ country: null, perMinuteMinor: 100_001 }] };
    expect(checkOutboundCall(outboundFacts({ rateTable }))).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
  });

  it('uses the default rate row and the pulse granularity for the cut-off', () => {
    // 3 000/min = 300 a pulse: 100 000 pays 333 pulses = 1 998 s.
    const result = checkOutboundCall(outboundFacts({
      destinationNumber: '+6591234567',
      rateTable: { currency: 'IDR', rows: [{ country: null, perMinuteMinor: 3_000 }] },
      billingPolicy: { granularity: 'pulse_6s', minimumBalanceMinor: 50_000, minimumTopUpMinor: 50_000 },
    }));
    expect(result).toMatchObject({ ok: true, value: { destinationCountry: 'SG', cutoffAfterSeconds: 1_998 } });
  });

  it('warns after two consecutive unanswered calls but still allows the call', () => {
    expect(checkOutboundCall(outboundFacts({ permission: { ...granted, consecutiveUnanswered: 2 } })))
      .toMatchObject({ ok: true, value: { warnConsecutiveUnanswered: true } });
  });

  it('voice (SIP) channels skip the WhatsApp permission, business-country and call-limit rules', () => {
    const facts = outboundFacts({
      channel: { type: 'voice', voiceCallingEnabled: true, outboundEnabled: true, businessNumber: '+12025550123' },
      permission: null,
    });
    expect(checkOutboundCall(facts).ok).toBe(true);
    expect(checkOutboundCall({ ...facts, allowedDestinationCountries: ['SG'] })).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED' });
  });

  it('a rate table in another currency than the balance is a configuration bug', () => {
    expect(() => checkOutboundCall(outboundFacts({ rateTable: { currency: 'USD', rows: [{ country: null, perMinuteMinor: 1 }] } }))).toThrow(/currency/);
  });
});
