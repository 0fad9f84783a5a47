import { describe, expect, it } from 'vitest';
import {
  callStatuses, formatDuration, legalEvents, newInboundCall, newOutboundCall, transition,
  type CallEvent, type CallState, type CallStatus,
} from '../../../src/domain/calls/index.js';

const T0 = Date.parse('2026-03-02T03:00:00Z');

function run(state: CallState, ...steps: [CallEvent, number][]) {
  let s = state;
  const effects = [];
  for (const [e, at] of steps) {
    const r = transition(s, e, at);
    if (!r.ok) throw new Error(`${e.type} refused in ${s.status}: ${r.message}`);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const sampleEvents: CallEvent[] = [
  { type: 'offer', agentIds: ['a1'] }, { type: 'queue' }, { type: 'accept', agentId: 'a1' }, { type: 'reject', agentId: 'a1' },
  { type: 'offer_timeout', agentId: 'a1' }, { type: 'no_agent', reason: 'x' }, { type: 'accept_window_expired' }, { type: 'queue_timeout' },
  { type: 'voicemail_done' }, { type: 'remote_ringing' }, { type: 'remote_answered' }, { type: 'remote_rejected' }, { type: 'ring_timeout' },
  { type: 'hold' }, { type: 'resume' }, { type: 'transfer' }, { type: 'customer_hangup' }, { type: 'agent_hangup', agentId: 'a1' },
  { type: 'system_hangup', reason: 'watchdog' }, { type: 'provider_terminated', failed: false, errorCode: null }, { type: 'failed', reason: 'x' },
];

/** A state in each status, reached through legal events. */
function stateIn(status: CallStatus): CallState {
  const inbound = newInboundCall(T0);
  switch (status) {
    case 'routing': return inbound;
    case 'offering': return run(inbound, [{ type: 'offer', agentIds: ['a1', 'a2'] }, T0]).state;
    case 'queued': return run(inbound, [{ type: 'queue' }, T0]).state;
    case 'connected': return run(stateIn('offering'), [{ type: 'accept', agentId: 'a1' }, T0 + 5000]).state;
    case 'on_hold': return run(stateIn('connected'), [{ type: 'hold' }, T0 + 10_000]).state;
    case 'voicemail': return run(stateIn('queued'), [{ type: 'queue_timeout' }, T0 + 120_000]).state;
    case 'dialing': return newOutboundCall(T0, 'a1');
    case 'ringing': return run(newOutboundCall(T0, 'a1'), [{ type: 'remote_ringing' }, T0 + 1000]).state;
    case 'ended': return run(stateIn('connected'), [{ type: 'customer_hangup' }, T0 + 60_000]).state;
  }
}

describe('call state machine', () => {
  it('every status refuses every event outside its legal list, leaving the state untouched', () => {
    for (const status of callStatuses) {
      const s = stateIn(status);
      expect(s.status).toBe(status);
      for (const e of sampleEvents) {
        if (legalEvents[status].includes(e.type)) continue;
        const before = structuredClone(s);
        const r = transition(s, e, T0 + 1);
        expect(r.ok, `${status} + ${e.type}`).toBe(false);
        if (!r.ok) expect(['CALL_STATE_CHANGED', 'OFFER_TAKEN']).toContain(r.code);
        expect(s).toEqual(before);
      }
    }
  });

  it('every legal event of every status is handled (no exception, ends in a known status)', () => {
    for (const status of callStatuses) {
      for (const e of sampleEvents) {
        if (!legalEvents[status].includes(e.type)) continue;
        const r = transition(stateIn(status), e, T0 + 30_000);
        if (r.ok) expect(callStatuses).toContain(r.state.status);
      }
    }
  });

  it('ended is terminal', () => {
    expect(legalEvents.ended).toEqual([]);
  });

  it('first accept wins a ring-all offer; the others are told it was taken; a late accept gets OFFER_TAKEN', () => {
    const { state, effects } = run(newInboundCall(T0), [{ type: 'offer', agentIds: ['a1', 'a2', 'a3'] }, T0], [{ type: 'accept', agentId: 'a2' }, T0 + 4000]);
    expect(state.status).toBe('connected');
    expect(state.agentId).toBe('a2');
    expect(state.answeredAt).toBe(T0 + 4000);
    expect(effects).toContainEqual({ type: 'offers.close', agentIds: ['a1', 'a3'], as: 'taken' });
    expect(effects).toContainEqual({ type: 'provider.accept' });
    const late = transition(state, { type: 'accept', agentId: 'a1' }, T0 + 4001);
    expect(late).toMatchObject({ ok: false, code: 'OFFER_TAKEN' });
  });

  it('reject takes the agent off and asks for a re-route; nobody left → unanswered with a provider reject', () => {
    const s1 = run(newInboundCall(T0), [{ type: 'offer', agentIds: ['a1'] }, T0], [{ type: 'reject', agentId: 'a1' }, T0 + 2000]);
    expect(s1.state.ringing).toEqual([]);
    expect(s1.effects).toContainEqual({ type: 'route' });
    const s2 = run(s1.state, [{ type: 'no_agent', reason: 'no_agent' }, T0 + 2001]);
    expect(s2.state).toMatchObject({ status: 'ended', result: 'unanswered', agentId: null });
    expect(s2.effects).toContainEqual({ type: 'provider.reject' });
  });

  it('an offer that times out is missed; when nobody else can take it the call ends missed', () => {
    const { state } = run(newInboundCall(T0), [{ type: 'offer', agentIds: ['a1'] }, T0], [{ type: 'offer_timeout', agentId: 'a1' }, T0 + 30_000], [{ type: 'no_agent', reason: 'exhausted' }, T0 + 30_000]);
    expect(state).toMatchObject({ status: 'ended', result: 'missed' });
  });

  it('customer hangs up while ringing → user_abandon, every popup closes, nothing sent to the provider', () => {
    const { state, effects } = run(newInboundCall(T0), [{ type: 'offer', agentIds: ['a1', 'a2'] }, T0], [{ type: 'customer_hangup' }, T0 + 3000]);
    expect(state).toMatchObject({ status: 'ended', result: 'user_abandon', endedBy: 'customer' });
    expect(effects).toContainEqual({ type: 'offers.close', agentIds: ['a1', 'a2'], as: 'cancelled' });
    expect(effects.some((e) => e.type.startsWith('provider.'))).toBe(false);
  });

  it('Meta\'s accept window elapsing ends the call unanswered with no agent', () => {
    const { state } = run(newInboundCall(T0), [{ type: 'offer', agentIds: ['a1'] }, T0], [{ type: 'accept_window_expired' }, T0 + 45_000]);
    expect(state).toMatchObject({ status: 'ended', result: 'unanswered', agentId: null });
  });

  it('queue targets accept at the provider at once; an agent accepting later does not accept twice', () => {
    const q = run(newInboundCall(T0), [{ type: 'queue' }, T0]);
    expect(q.effects).toContainEqual({ type: 'provider.accept' });
    const c = run(q.state, [{ type: 'offer', agentIds: ['a1'] }, T0 + 10_000], [{ type: 'accept', agentId: 'a1' }, T0 + 12_000]);
    expect(c.effects).not.toContainEqual({ type: 'provider.accept' });
    expect(c.state.status).toBe('connected');
  });

  it('a queued caller past the max wait goes to voicemail, which ends with result voicemail', () => {
    const { state, effects } = run(newInboundCall(T0), [{ type: 'queue' }, T0], [{ type: 'queue_timeout' }, T0 + 120_000], [{ type: 'customer_hangup' }, T0 + 150_000]);
    expect(effects).toContainEqual({ type: 'media.voicemail' });
    expect(state).toMatchObject({ status: 'ended', result: 'voicemail' });
  });

  it('hold time accumulates across hold/resume and up to the end', () => {
    const { state } = run(stateIn('connected'), [{ type: 'hold' }, T0 + 10_000], [{ type: 'resume' }, T0 + 40_000], [{ type: 'hold' }, T0 + 50_000], [{ type: 'agent_hangup', agentId: 'a1' }, T0 + 60_000]);
    expect(state.holdMs).toBe(40_000);
    expect(state).toMatchObject({ status: 'ended', result: 'answered', endedBy: 'agent' });
  });

  it('agent hang-up tells the provider and releases the agent; only the agent on the call may hang up', () => {
    const s = stateIn('connected');
    expect(transition(s, { type: 'agent_hangup', agentId: 'a2' }, T0)).toMatchObject({ ok: false });
    const r = transition(s, { type: 'agent_hangup', agentId: 'a1' }, T0 + 90_000);
    expect(r.ok && r.effects).toEqual(expect.arrayContaining([{ type: 'provider.terminate' }, { type: 'agent.release', agentId: 'a1' }, { type: 'media.end' }]));
  });

  it('transfer releases the agent and re-routes with the provider leg still up', () => {
    const { state, effects } = run(stateIn('connected'), [{ type: 'transfer' }, T0 + 20_000]);
    expect(state).toMatchObject({ status: 'offering', agentId: null, providerAccepted: true, transfers: 1 });
    expect(effects).toEqual([{ type: 'agent.release', agentId: 'a1' }, { type: 'media.queue' }, { type: 'route' }]);
    const back = run(state, [{ type: 'offer', agentIds: ['a2'] }, T0 + 21_000], [{ type: 'accept', agentId: 'a2' }, T0 + 22_000]);
    expect(back.state).toMatchObject({ status: 'connected', agentId: 'a2', answeredAt: T0 + 5000 });
  });

  it('provider terminate: answered calls end answered; failures with a code end failed; an early hang-up is an abandon', () => {
    expect(run(stateIn('connected'), [{ type: 'provider_terminated', failed: false, errorCode: null }, T0 + 60_000]).state.result).toBe('answered');
    expect(run(stateIn('offering'), [{ type: 'provider_terminated', failed: true, errorCode: 138019 }, T0 + 1000]).state.result).toBe('failed');
    expect(run(stateIn('offering'), [{ type: 'provider_terminated', failed: false, errorCode: null }, T0 + 1000]).state.result).toBe('user_abandon');
  });

  it('outbound: ringing → answered → agent hangs up; declined → rejected; ring timeout → unanswered', () => {
    const answered = run(newOutboundCall(T0, 'a1'), [{ type: 'remote_ringing' }, T0 + 500], [{ type: 'remote_answered' }, T0 + 8000], [{ type: 'agent_hangup', agentId: 'a1' }, T0 + 68_000]);
    expect(answered.state).toMatchObject({ result: 'answered', answeredAt: T0 + 8000 });
    expect(run(newOutboundCall(T0, 'a1'), [{ type: 'remote_ringing' }, T0 + 500], [{ type: 'remote_rejected' }, T0 + 3000]).state.result).toBe('rejected');
    expect(run(newOutboundCall(T0, 'a1'), [{ type: 'remote_ringing' }, T0 + 500], [{ type: 'ring_timeout' }, T0 + 45_500]).state.result).toBe('unanswered');
  });

  it('formats durations as HH:mm:ss', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(192)).toBe('00:03:12');
    expect(formatDuration(3600 * 27 + 61)).toBe('27:01:01');
    expect(formatDuration(null)).toBeNull();
  });
});
