import { describe, expect, it } from 'vitest';
import {
  answerFromProviderReply, applyReply, canCall, effectiveStatus, initialPermissionState, onBusinessCallUnanswered, onCallConnected,
  permissionPolicyFromSettings, recordRequestSent, shouldAutoRequestOnMissedCall, summary, type PermissionState,
} from '../../../src/domain/permissions/index.js';

const t0 = new Date('2026-03-02T08:00:00.000Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const S = 1000;
const H = 3600 * S;
const D = 24 * H;

const grant = (answer: 'permanent' | 'temporary' | 'deny', source: 'user_action' | 'automatic' = 'user_action', at = t0, expiresAt?: Date) =>
  (state: PermissionState) => applyReply(state, { answer, source, requestId: null, receivedAt: at, ...(expiresAt ? { expiresAt } : {}) });
const temporary = grant('temporary')(initialPermissionState());

describe('answers and effectiveStatus', () => {
  it('starts with none', () => {
    expect(effectiveStatus(initialPermissionState(), t0)).toBe('none');
  });

  it('a temporary grant is valid for 604 800 s from approval: temporary 1 ms before, expired at exactly 604 800 s', () => {
    expect(temporary.expiresAt).toBe(plus(604_800 * S).toISOString());
    expect(effectiveStatus(temporary, plus(604_800 * S - 1))).toBe('temporary');
    expect(effectiveStatus(temporary, plus(604_800 * S))).toBe('expired');
  });

  it('a temporary grant uses the provider expiration when it has one', () => {
    const state = grant('temporary', 'user_action', t0, plus(2 * D))(initialPermissionState());
    expect(effectiveStatus(state, plus(2 * D - S))).toBe('temporary');
    expect(effectiveStatus(state, plus(2 * D))).toBe('expired');
  });

  it('permanent never expires; deny is denied; an automatic deny is revoked', () => {
    expect(effectiveStatus(grant('permanent')(initialPermissionState()), plus(3650 * D))).toBe('permanent');
    expect(effectiveStatus(grant('deny')(temporary), plus(H))).toBe('denied');
    expect(effectiveStatus(grant('deny', 'automatic')(temporary), plus(H))).toBe('revoked');
  });

  it('the customer may change the answer at any time', () => {
    const denied = grant('deny', 'user_action', plus(H))(temporary);
    const again = grant('permanent', 'user_action', plus(2 * H))(denied);
    expect(effectiveStatus(again, plus(3 * H))).toBe('permanent');
    const downgraded = grant('temporary', 'user_action', plus(3 * H))(again);
    expect(effectiveStatus(downgraded, plus(4 * H))).toBe('temporary');
  });

  it('an automatic callback grant does not downgrade a permanent permission or shorten a temporary one', () => {
    const permanent = grant('permanent')(initialPermissionState());
    expect(grant('temporary', 'automatic', plus(D))(permanent).status).toBe('permanent');
    const shorter = grant('temporary', 'automatic', plus(D), plus(2 * D))(temporary);
    expect(shorter.expiresAt).toBe(temporary.expiresAt);
    const longer = grant('temporary', 'automatic', plus(D))(temporary);
    expect(longer.expiresAt).toBe(plus(8 * D).toISOString());
  });

  it('an automatic callback grant gives temporary permission after a revoke', () => {
    const revoked = grant('deny', 'automatic')(temporary);
    expect(effectiveStatus(grant('temporary', 'automatic', plus(H))(revoked), plus(2 * H))).toBe('temporary');
  });
});

describe('canCall', () => {
  it('refuses without a valid permission', () => {
    for (const state of [initialPermissionState(), grant('deny')(initialPermissionState()), grant('deny', 'automatic')(temporary)]) {
      expect(canCall(state, plus(H))).toMatchObject({ ok: false, code: 'NO_CALL_PERMISSION' });
    }
    expect(canCall(temporary, plus(7 * D))).toMatchObject({ ok: false, code: 'NO_CALL_PERMISSION', details: { permission_status: 'expired' } });
  });

  it('allows 10 connected business calls per rolling 24 h and says when the next one is allowed', () => {
    let state = temporary;
    for (let i = 0; i < 10; i++) state = onCallConnected(state, { direction: 'business_initiated', now: plus(i * H) });
    expect(canCall(state, plus(10 * H))).toMatchObject({
      ok: false, code: 'CALL_LIMIT_REACHED', details: { next_allowed_at: plus(D).toISOString() },
    });
    expect(canCall(state, plus(D - S)).ok).toBe(false);
    expect(canCall(state, plus(D))).toEqual({ ok: true, value: { connectedCallsLeft: 1 } });
  });

  it('customer-initiated calls do not count toward the limit', () => {
    let state = temporary;
    for (let i = 0; i < 12; i++) state = onCallConnected(state, { direction: 'user_initiated', now: plus(i * S) });
    expect(canCall(state, plus(H))).toEqual({ ok: true, value: { connectedCallsLeft: 10 } });
  });

  it('the call limit follows the tenant setting', () => {
    const policy = permissionPolicyFromSettings({ permission_request_expiry_h: 72, business_calls_per_24h: 2 });
    let state = temporary;
    state = onCallConnected(state, { direction: 'business_initiated', now: plus(H) }, policy);
    expect(canCall(state, plus(2 * H), policy).ok).toBe(true);
    state = onCallConnected(state, { direction: 'business_initiated', now: plus(2 * H) }, policy);
    expect(canCall(state, plus(3 * H), policy)).toMatchObject({ ok: false, details: { next_allowed_at: plus(25 * H).toISOString() } });
  });
});

describe('consecutive unanswered business calls', () => {
  const miss = (state: PermissionState, i: number) => onBusinessCallUnanswered(state, { now: plus(i * H) });

  it('warns from the 2nd, revokes locally at the 4th', () => {
    const one = miss(temporary, 1);
    const two = miss(one.state, 2);
    const three = miss(two.state, 3);
    const four = miss(three.state, 4);
    expect([one, two, three, four].map((o) => [o.warn, o.revokedLocally])).toEqual([
      [false, false], [true, false], [true, false], [true, true],
    ]);
    expect(effectiveStatus(four.state, plus(5 * H))).toBe('revoked');
    expect(canCall(four.state, plus(5 * H))).toMatchObject({ ok: false, code: 'NO_CALL_PERMISSION' });
  });

  it('an answered call resets the count', () => {
    const two = miss(miss(temporary, 1).state, 2).state;
    const answered = onCallConnected(two, { direction: 'business_initiated', now: plus(3 * H) });
    const next = miss(answered, 4);
    expect(next.warn).toBe(false);
    expect(next.state.consecutiveUnanswered).toBe(1);
  });

  it('a new grant resets the count', () => {
    const three = miss(miss(miss(temporary, 1).state, 2).state, 3).state;
    expect(grant('permanent', 'user_action', plus(4 * H))(three).consecutiveUnanswered).toBe(0);
  });
});

describe('shouldAutoRequestOnMissedCall', () => {
  const input = { now: t0, enabled: true, hasActiveConversation: true };

  it('sends one when enabled, allowed and useful', () => {
    expect(shouldAutoRequestOnMissedCall(initialPermissionState(), input)).toBe(true);
  });

  it('does not when the setting is off, permission is valid, a request is pending, or the limits are reached', () => {
    expect(shouldAutoRequestOnMissedCall(initialPermissionState(), { ...input, enabled: false })).toBe(false);
    expect(shouldAutoRequestOnMissedCall(temporary, input)).toBe(false);
    const pending = recordRequestSent(initialPermissionState(), { requestId: 'r1', now: plus(-H) });
    expect(shouldAutoRequestOnMissedCall(pending, input)).toBe(false);
    const answered = applyReply(pending, { answer: 'deny', source: 'user_action', requestId: 'r1', receivedAt: plus(-H / 2) });
    expect(shouldAutoRequestOnMissedCall(answered, input)).toBe(false);
    expect(shouldAutoRequestOnMissedCall(answered, { ...input, now: plus(D - H) })).toBe(true);
  });
});

describe('summary', () => {
  it('gives the room header everything it shows', () => {
    let state = recordRequestSent(initialPermissionState(), { requestId: 'r1', now: t0 });
    state = applyReply(state, { answer: 'temporary', source: 'user_action', requestId: 'r1', receivedAt: plus(H) });
    state = onCallConnected(state, { direction: 'business_initiated', now: plus(2 * H) });
    state = onBusinessCallUnanswered(state, { now: plus(3 * H) }).state;
    state = onBusinessCallUnanswered(state, { now: plus(4 * H) }).state;
    expect(summary(state, plus(5 * H))).toEqual({
      status: 'temporary',
      expires_at: plus(H + 7 * D).toISOString(),
      attempts: { connected_last_24h: 1, limit_24h: 10, consecutive_unanswered: 2 },
      last_request_at: t0.toISOString(),
      pending_request: null,
      next_request_allowed_at: null,
      next_call_allowed_at: null,
      warning: 'consecutive_unanswered',
    });
  });

  it('shows a pending request with its expiry and when the next request is allowed', () => {
    const state = recordRequestSent(initialPermissionState(), { requestId: 'r1', now: t0 });
    expect(summary(state, plus(H))).toMatchObject({
      status: 'none', expires_at: null, warning: null,
      pending_request: { id: 'r1', expires_at: plus(72 * H).toISOString() },
      next_request_allowed_at: plus(D).toISOString(),
    });
  });
});

describe('answerFromProviderReply', () => {
  it('maps Meta reply fields to an answer', () => {
    expect(answerFromProviderReply({ response: 'accept', isPermanent: true })).toBe('permanent');
    expect(answerFromProviderReply({ response: 'accept', isPermanent: false })).toBe('temporary');
    expect(answerFromProviderReply({ response: 'reject', isPermanent: false })).toBe('deny');
  });
});
