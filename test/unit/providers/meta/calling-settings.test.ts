import { describe, expect, it } from 'vitest';
import { mergeAccountUpdate, healthView, answerRate } from '../../../../src/app/channels/channel-health.js';
import { fromMetaCalling, metaSideChanges, toMetaCalling } from '../../../../src/app/channels/channel-sync.js';

const NOW = new Date('2026-03-02T03:00:00.000Z');
const hours = {
  status: 'ENABLED' as const, timezone_id: 'Asia/Jakarta',
  weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0800', close_time: '1700' }],
};

describe('Meta\'s calling settings object ↔ a channel (reference §2.2, §1.8)', () => {
  const current = { call_icon_visibility: 'DEFAULT' as const, callback_permission_enabled: false, call_hours: hours };

  it('only Meta-side fields that really change are synced', () => {
    expect(metaSideChanges(current, { name: 'x', recording_enabled: true })).toEqual({});
    expect(metaSideChanges(current, { call_icon_visibility: 'DEFAULT', callback_permission_enabled: false })).toEqual({});
    // The same hours with keys in another order (as jsonb returns them) are no change.
    const reordered = { weekly_operating_hours: hours.weekly_operating_hours.map((h) => ({ close_time: h.close_time, open_time: h.open_time, day_of_week: h.day_of_week })), timezone_id: 'Asia/Jakarta', status: 'ENABLED' as const };
    expect(metaSideChanges(current, { call_hours: reordered })).toEqual({});
    expect(metaSideChanges(current, { call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: null })).toEqual({
      call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: null,
    });
  });

  it('the POSTed object keeps what Meta has and we do not manage, without read-only fields', () => {
    const meta = {
      status: 'ENABLED', call_icon_visibility: 'DEFAULT', srtp_key_exchange_protocol: 'SDES', audio: { additional_codecs: ['PCMA'] },
      sip: { status: 'ENABLED', servers: [{ hostname: 'sip.example.com', port: 5061 }], app_id: 123, sip_user_password: 'secret' },
      restrictions: { restrictions_list: [{ type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', reason: 'x', expiration: 1 }] },
    };
    expect(toMetaCalling(meta, { call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: hours })).toEqual({
      status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', srtp_key_exchange_protocol: 'SDES', audio: { additional_codecs: ['PCMA'] },
      sip: { status: 'ENABLED', servers: [{ hostname: 'sip.example.com', port: 5061 }] }, callback_permission_status: 'ENABLED', call_hours: hours,
    });
  });

  it('clearing calling hours switches them off at Meta, or sends none when Meta had none', () => {
    expect(toMetaCalling({ status: 'ENABLED', call_hours: hours }, { call_hours: null })).toEqual({ status: 'ENABLED', call_hours: { ...hours, status: 'DISABLED' } });
    expect(toMetaCalling({ status: 'ENABLED' }, { call_hours: null })).toEqual({ status: 'ENABLED' });
  });

  it('a settings webhook: columns from what we recognise, Meta\'s state kept as reported', () => {
    expect(fromMetaCalling({ status: 'ENABLED', call_icon_visibility: 'DISABLE ALL', callback_permission_status: 'ENABLED', sip: { status: 'DISABLED' }, call_hours: hours }, NOW)).toEqual({
      columns: { call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: hours },
      state: { status: 'ENABLED', call_icon_visibility: 'DISABLE ALL', callback_permission_status: 'ENABLED', sip_status: 'DISABLED', srtp_key_exchange_protocol: null, reported_at: NOW.toISOString() },
    });
    // Unknown spellings and invalid hours never reach a column.
    expect(fromMetaCalling({ call_icon_visibility: 'HIDE_IN_CHAT', callback_permission_status: 'MAYBE', call_hours: { status: 'ENABLED' } }, NOW).columns).toEqual({});
  });
});

describe('channel health from account_update', () => {
  it('violations are recorded once per type with the last report; restrictions replace their type', () => {
    const v1 = mergeAccountUpdate({}, { event: 'ACCOUNT_VIOLATION', violationType: 'LOW_USER_INITIATED_CALLING_QUALITY', restrictions: [] }, NOW)!;
    const later = new Date(NOW.getTime() + 3_600_000);
    const v2 = mergeAccountUpdate(v1, { event: 'ACCOUNT_VIOLATION', violationType: 'LOW_USER_INITIATED_CALLING_QUALITY', restrictions: [] }, later)!;
    expect(v2.violations).toEqual([{ type: 'LOW_USER_INITIATED_CALLING_QUALITY', reported_at: later.toISOString() }]);
    const exp = new Date('2026-03-09T03:00:00.000Z');
    const r = mergeAccountUpdate(v2, { event: 'ACCOUNT_RESTRICTION', violationType: null, restrictions: [{ type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: exp }] }, NOW)!;
    expect(r).toMatchObject({ violations: v2.violations, restrictions: [{ type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: exp.toISOString(), reported_at: NOW.toISOString() }] });
    expect(mergeAccountUpdate(r, { event: 'VERIFIED_ACCOUNT', violationType: null, restrictions: [] }, NOW)).toBeNull();
  });

  it('restrictions are active until their expiry; no expiry means active', () => {
    const view = healthView({
      restrictions: [
        { type: 'A', expiration: '2026-03-02T02:59:59.000Z', reported_at: 'x' },
        { type: 'B', expiration: '2026-03-02T03:00:01.000Z', reported_at: 'x' },
        { type: 'C', expiration: null, reported_at: 'x' },
      ],
    }, { d7: answerRate(0, 0), d30: answerRate(3, 1) }, NOW);
    expect(view.restrictions.map((r) => [r.type, r.active])).toEqual([['A', false], ['B', true], ['C', true]]);
    expect(view).toMatchObject({ answer_rate_7d: null, answer_rate_30d: 0.333, violations: [] });
  });
});
