import { describe, expect, it } from 'vitest';
import { t } from '../testing/fixtures.js';
import { demoPhoneState } from './demo-phone.js';
import { recentCallRows } from './recent-calls.js';
import type { CallRecord } from '../api/types.js';

describe('demo phone', () => {
  it('tells idle, ringing business call, and a call in progress apart', () => {
    expect(demoPhoneState([], t)).toMatchObject({ state: 'idle', active: null, ringingBusinessCall: null });
    const ringing = { id: 'w1', direction: 'BUSINESS_INITIATED', state: 'ringing' };
    expect(demoPhoneState([ringing], t)).toMatchObject({ state: 'ringing_business', ringingBusinessCall: ringing, active: ringing });
    expect(demoPhoneState([{ id: 'w2', direction: 'USER_INITIATED', state: 'accepted' }], t)).toMatchObject({ state: 'in_call', text: 'Customer is in a call' });
    expect(demoPhoneState([{ id: 'w3', direction: 'USER_INITIATED', state: 'ringing' }], t)).toMatchObject({ state: 'calling', ringingBusinessCall: null });
  });
});

describe('recent calls', () => {
  it('shows result, direction and talk time per call', () => {
    const call = {
      id: 'c', direction: 'inbound', status: 'ended', result: 'answered', customer_number: '+62811', contact_name: 'Budi', talk_duration: '00:03:12',
      talk_seconds: 192, offered_at: '2026-03-02T03:00:00.000Z', created_at: '2026-03-02T03:00:00.000Z',
    } as CallRecord;
    const [row] = recentCallRows([call, { ...call, id: 'd', status: 'connected', result: null }], { timeZone: 'Asia/Jakarta', locale: 'en-GB' }, t);
    expect(row).toMatchObject({ customer: 'Budi (+62811)', direction: 'Incoming', result: 'Answered', tone: 'ok', duration: '00:03:12' });
    expect(row!.when).toContain('10:00');
    expect(recentCallRows([{ ...call, status: 'connected', result: null }], { timeZone: 'UTC', locale: 'en-GB' }, t)[0]).toMatchObject({ result: 'In progress', tone: 'live' });
  });
});
