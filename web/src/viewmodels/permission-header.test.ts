import { describe, expect, it } from 'vitest';
import { iso, permission, T0, t } from '../testing/fixtures.js';
import { permissionHeaderModel, type PermissionHeaderInput } from './permission-header.js';

const base: Omit<PermissionHeaderInput, 'permission'> = {
  outboundEnabled: true, windowOpen: true, roomOpen: true, onCall: false, now: T0, formatDateTime: (s) => `<${s}>`,
};

describe('permission header', () => {
  it('offers Invite to call when the customer has not granted anything', () => {
    const m = permissionHeaderModel({ ...base, permission: permission() }, t);
    expect(m).toMatchObject({ status: 'No call permission', tone: 'none', attempts: 'Calls in 24 h: 0 of 10' });
    expect(m.invite).toEqual({ visible: true, enabled: true, reason: null });
    expect(m.call.visible).toBe(false);
  });

  it('shows Call with the expiry after a temporary grant', () => {
    const expires = iso(T0 + 7 * 86_400_000);
    const m = permissionHeaderModel({ ...base, permission: permission({ status: 'temporary', expires_at: expires }) }, t);
    expect(m).toMatchObject({ status: 'Call permission: temporary', tone: 'ok', expires: `Expires <${expires}>` });
    expect(m.call).toEqual({ visible: true, enabled: true, reason: null });
    expect(m.invite.visible).toBe(false);
  });

  it('hides the call button after a denial and lets the agent invite again', () => {
    const m = permissionHeaderModel({ ...base, permission: permission({ status: 'denied' }) }, t);
    expect(m.call.visible).toBe(false);
    expect(m.tone).toBe('blocked');
    expect(m.invite.visible).toBe(true);
  });

  it('explains a waiting invitation and its expiry', () => {
    const exp = iso(T0 + 72 * 3_600_000);
    const m = permissionHeaderModel({ ...base, permission: permission({ pending_request: { id: 'r1', expires_at: exp } }) }, t);
    expect(m.expires).toBe(`Invitation waiting, expires <${exp}>`);
    expect(m.invite).toMatchObject({ enabled: false, reason: 'An invitation is waiting for the customer’s answer.' });
  });

  it('says when the next invitation is allowed after the limit', () => {
    const next = iso(T0 + 3_600_000);
    const m = permissionHeaderModel({ ...base, permission: permission({ next_request_allowed_at: next }) }, t);
    expect(m.invite).toMatchObject({ enabled: false, reason: `Invitation limit reached (1 a day, 2 a week). Next one possible <${next}>.` });
  });

  it('prefers the server verdict, in plain words', () => {
    const p = permission({ invite: { allowed: false, refusal: { code: 'INSUFFICIENT_BALANCE', message: 'x', details: { top_up_contacts: [{ name: 'Ayu Admin' }] } } } });
    const m = permissionHeaderModel({ ...base, permission: p }, t);
    expect(m.invite.enabled).toBe(false);
    expect(m.invite.reason).toBe('There is not enough voice balance to call or to invite a customer. Ask Ayu Admin for a top-up.');
  });

  it('disables Call during another call and at the call limit', () => {
    const granted = permission({ status: 'permanent' });
    expect(permissionHeaderModel({ ...base, onCall: true, permission: granted }, t).call).toMatchObject({ enabled: false, reason: 'Finish your current call first.' });
    const limited = permission({ status: 'permanent', next_call_allowed_at: iso(T0 + 60_000) });
    expect(permissionHeaderModel({ ...base, permission: limited }, t).call.enabled).toBe(false);
  });

  it('warns after consecutive unanswered calls', () => {
    const p = permission({ status: 'permanent', warning: 'consecutive_unanswered', attempts: { connected_last_24h: 1, limit_24h: 10, consecutive_unanswered: 2 } });
    expect(permissionHeaderModel({ ...base, permission: p }, t).warning).toMatch(/^2 calls in a row were not answered/);
  });

  it('shows no buttons when calling out is off on the number', () => {
    const m = permissionHeaderModel({ ...base, outboundEnabled: false, permission: permission({ status: 'permanent' }) }, t);
    expect(m.invite.visible || m.call.visible).toBe(false);
    expect(m.warning).toBe('Calling customers is switched off on this number.');
  });

  it('asks to reopen a resolved room before inviting', () => {
    expect(permissionHeaderModel({ ...base, roomOpen: false, permission: permission() }, t).invite.reason).toBe('Reopen the conversation to invite the customer.');
  });

  it('says so while loading and when the permission cannot be read', () => {
    expect(permissionHeaderModel({ ...base, permission: null }, t).status).toBe('Call permission…');
    expect(permissionHeaderModel({ ...base, permission: null, unavailable: true }, t).status).toBe('Call permission unknown');
  });
});
