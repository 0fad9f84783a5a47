import { describe, expect, it } from 'vitest';
import {
  applyReply, canRequest, expirePending, initialPermissionState, nextPendingExpiryAt, onCallConnected, onRoomResolved,
  permissionPolicyFromSettings, permissionStateSchema, recordRequestSent, type PermissionState,
} from '../../../src/domain/permissions/index.js';

const t0 = new Date('2026-03-02T08:00:00.000Z');
const plus = (ms: number, from: Date = t0) => new Date(from.getTime() + ms);
const S = 1000;
const H = 3600 * S;
const D = 24 * H;
const active = { hasActiveConversation: true };

const sent = (state: PermissionState, requestId: string, now: Date) => recordRequestSent(state, { requestId, now });
const allowed = (state: PermissionState, now: Date) => canRequest(state, { now, ...active });

describe('canRequest: 1 per 24 h and 2 per 7 days, rolling', () => {
  const once = sent(initialPermissionState(), 'r1', t0);

  it('allows the first request', () => {
    expect(allowed(initialPermissionState(), t0)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a second request at t0 + 23:59:59 and allows it at exactly t0 + 24:00:00', () => {
    expect(allowed(once, plus(D - S))).toMatchObject({
      ok: false, code: 'PERMISSION_REQUEST_LIMIT', details: { next_allowed_at: '2026-03-03T08:00:00.000Z' },
    });
    expect(allowed(once, plus(D)).ok).toBe(true);
  });

  it('after two requests in 7 days the third waits until the first is exactly 7 days old', () => {
    const twice = sent(once, 'r2', plus(D));
    expect(allowed(twice, plus(2 * D))).toMatchObject({ ok: false, details: { next_allowed_at: plus(7 * D).toISOString() } });
    expect(allowed(twice, plus(7 * D - S)).ok).toBe(false);
    expect(allowed(twice, plus(7 * D)).ok).toBe(true);
  });

  it('the next allowed time is the later of the two windows', () => {
    // r1 at day 0, r2 at day 6.5: the 24 h window frees at day 7.5, the 7-day window at day 7 → day 7.5.
    const twice = sent(once, 'r2', plus(6.5 * D));
    expect(allowed(twice, plus(6.6 * D))).toMatchObject({ ok: false, details: { next_allowed_at: plus(7.5 * D).toISOString() } });
  });

  it('a connected call (either direction) resets the counters', () => {
    const twice = sent(once, 'r2', plus(D));
    for (const direction of ['business_initiated', 'user_initiated'] as const) {
      const reset = onCallConnected(twice, { direction, now: plus(D + H) });
      expect(allowed(reset, plus(D + H)).ok).toBe(true);
      const again = sent(reset, 'r3', plus(D + H));
      expect(allowed(again, plus(D + 2 * H)).ok).toBe(false);
    }
  });

  it('needs an active conversation', () => {
    expect(canRequest(initialPermissionState(), { now: t0, hasActiveConversation: false }))
      .toMatchObject({ ok: false, code: 'NO_ACTIVE_CONVERSATION' });
  });

  it('refuses with ALREADY_PERMANENT when the customer granted permanent permission', () => {
    const permanent = applyReply(initialPermissionState(), { answer: 'permanent', source: 'user_action', requestId: null, receivedAt: t0 });
    expect(allowed(permanent, plus(H))).toMatchObject({ ok: false, code: 'ALREADY_PERMANENT' });
  });

  it('allows asking again for a temporary grant that expired or a denial, within the limits', () => {
    const temp = applyReply(once, { answer: 'temporary', source: 'user_action', requestId: 'r1', receivedAt: plus(H) });
    expect(allowed(temp, plus(8 * D)).ok).toBe(true);
    const denied = applyReply(once, { answer: 'deny', source: 'user_action', requestId: 'r1', receivedAt: plus(H) });
    expect(allowed(denied, plus(D)).ok).toBe(true);
  });
});

describe('pending requests', () => {
  const pending = sent(initialPermissionState(), 'r1', t0);

  it('expire after exactly 72 h without reply, not at 71:59:59', () => {
    expect(expirePending(pending, plus(72 * H - S)).expiredRequestIds).toEqual([]);
    const { state, expiredRequestIds } = expirePending(pending, plus(72 * H));
    expect(expiredRequestIds).toEqual(['r1']);
    expect(state.requests[0]).toMatchObject({ status: 'expired', endReason: 'expired', endedAt: plus(72 * H).toISOString() });
    expect(nextPendingExpiryAt(pending)).toEqual(plus(72 * H));
    expect(nextPendingExpiryAt(state)).toBeNull();
  });

  it('the expiry follows the tenant setting', () => {
    const policy = permissionPolicyFromSettings({ permission_request_expiry_h: 24, business_calls_per_24h: 10 });
    expect(expirePending(pending, plus(24 * H), policy).expiredRequestIds).toEqual(['r1']);
  });

  it('close when a call connects', () => {
    const state = onCallConnected(pending, { direction: 'user_initiated', now: plus(H) });
    expect(state.requests[0]).toMatchObject({ status: 'closed', endReason: 'call_connected' });
  });

  it('close when the room is resolved without reply; a later reply still counts', () => {
    const { state, closedRequestIds } = onRoomResolved(pending, plus(H));
    expect(closedRequestIds).toEqual(['r1']);
    expect(state.requests[0]).toMatchObject({ status: 'closed', endReason: 'room_resolved' });
    const late = applyReply(state, { answer: 'temporary', source: 'user_action', requestId: 'r1', receivedAt: plus(2 * H) });
    expect(late.status).toBe('temporary');
    expect(late.requests[0]).toMatchObject({ status: 'answered', answer: 'temporary' });
  });

  it('close when a newer request is answered; the newer one is marked answered', () => {
    const two = sent(pending, 'r2', plus(D));
    const answered = applyReply(two, { answer: 'permanent', source: 'user_action', requestId: 'r2', receivedAt: plus(D + H) });
    expect(answered.requests.map((r) => [r.id, r.status, r.endReason])).toEqual([
      ['r1', 'closed', 'superseded'], ['r2', 'answered', null],
    ]);
  });

  it('answering an older request leaves a newer pending one open', () => {
    const two = sent(pending, 'r2', plus(D));
    const answered = applyReply(two, { answer: 'deny', source: 'user_action', requestId: 'r1', receivedAt: plus(D + H) });
    expect(answered.requests.map((r) => r.status)).toEqual(['answered', 'pending']);
  });

  it('old settled requests are pruned when a new one is sent; the stored state stays valid JSON', () => {
    let state = sent(initialPermissionState(), 'old', t0);
    state = expirePending(state, plus(3 * D)).state;
    state = sent(state, 'new', plus(30 * D));
    expect(state.requests.map((r) => r.id)).toEqual(['new']);
    expect(permissionStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
