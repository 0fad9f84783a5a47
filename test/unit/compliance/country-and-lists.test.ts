import { describe, expect, it } from 'vitest';
import {
  businessCallingRestrictedCountries, checkNumberLists, countryOfNumber, isBusinessCallingRestricted, isDestinationAllowed,
} from '../../../src/domain/compliance/index.js';

describe('business-number country restrictions', () => {
  it.each([
    ['+12025550123', true, 'USA'], ['+14165550123', true, 'Canada'], ['+905321234567', true, 'Turkey (still in the SPEC list)'],
    ['+201001234567', true, 'Egypt'], ['+84912345678', true, 'Vietnam'], ['+2348031234567', true, 'Nigeria'],
    ['+622150000001', false, 'Indonesia'], ['+18765550123', false, 'Jamaica shares +1 but is not restricted'],
    ['+1555', true, 'an unknown +1 number is treated as US/Canada'],
  ])('%s → %s (%s)', (number, restricted) => {
    expect(isBusinessCallingRestricted(number)).toBe(restricted);
  });

  it('the list is data: a tenant or a later Meta list can drop Turkey', () => {
    const without = businessCallingRestrictedCountries.filter((c) => c.country !== 'TR');
    expect(isBusinessCallingRestricted('+905321234567', without)).toBe(false);
  });
});

describe('countryOfNumber', () => {
  it('parses E.164 with or without +, and refuses garbage', () => {
    expect(countryOfNumber('+6281234567890')).toEqual({ e164: '+6281234567890', country: 'ID', callingCode: '62' });
    expect(countryOfNumber('6281234567890')?.country).toBe('ID');
    expect(countryOfNumber('hello')).toBeNull();
  });
});

describe('destination allow-list', () => {
  it('empty allows all; otherwise only the listed countries', () => {
    expect(isDestinationAllowed('BR', [])).toBe(true);
    expect(isDestinationAllowed('ID', ['id', 'SG'])).toBe(true);
    expect(isDestinationAllowed('BR', ['ID'])).toBe(false);
    expect(isDestinationAllowed(null, ['ID'])).toBe(false);
  });
});

describe('number lists', () => {
  const number = '+6281234567890';
  it('do-not-call wins over deny; formatting does not matter', () => {
    expect(checkNumberLists(number, { doNotCall: ['+62 812 3456 7890'], deny: [number], allow: [] })).toMatchObject({ code: 'DO_NOT_CALL' });
    expect(checkNumberLists(number, { doNotCall: [], deny: ['6281234567890'], allow: [] })).toMatchObject({ code: 'DENY_LISTED' });
  });
  it('a non-empty allow list admits only its numbers', () => {
    expect(checkNumberLists(number, { doNotCall: [], deny: [], allow: [number] }).ok).toBe(true);
    expect(checkNumberLists(number, { doNotCall: [], deny: [], allow: ['+6599999999'] }).ok).toBe(false);
    expect(checkNumberLists(number, { doNotCall: [], deny: [], allow: [] }).ok).toBe(true);
  });
});
