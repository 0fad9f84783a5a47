import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../api/server-messages.js';
import { CALL, ME, OTHER, offered, presence, summary, T0 } from '../testing/fixtures.js';
import { CLOSED_OFFER_LINGER_MS, deskReducer, initialDeskState, onLiveCall, ringingOffers, type DeskEvent, type DeskState } from './desk-state.js';

const signedIn = deskReducer(initialDeskState, { kind: 'signed_in', userId: ME, presence: presence() });
const server = (message: ServerMessage, now = T0): DeskEvent => ({ kind: 'server', message, now });
const run = (events: DeskEvent[], s: DeskState = signedIn) => events.reduce(deskReducer, s);

describe('desk state', () => {
  it('rings an offer, then becomes the call when this agent accepts', () => {
    const ringing = run([server(offered())]);
    expect(ringingOffers(ringing).map((o) => o.id)).toEqual([CALL]);
    const connected = run([server({ type: 'call.updated', id: CALL, call: summary() })], ringing);
    expect(connected.offers).toEqual([]);
    expect(connected.call).toMatchObject({ id: CALL, status: 'connected', customer: { number: '+6281234567890', name: 'Budi Santoso' }, channel: { name: 'Demo WhatsApp' } });
    expect(onLiveCall(connected)).toBe(true);
  });

  it('closes the popup with the name of whoever took the call (ring-all), and forgets it later', () => {
    const s = run([server(offered()), server({ type: 'call.offer_taken', id: CALL, taken_by: OTHER, taken_by_name: 'Citra Agent' }, T0 + 2_000)]);
    expect(s.offers[0]?.closed).toEqual({ reason: 'taken', at: T0 + 2_000, byName: 'Citra Agent' });
    expect(ringingOffers(s)).toEqual([]);
    expect(run([{ kind: 'tick', now: T0 + 2_000 + CLOSED_OFFER_LINGER_MS }], s).offers).toEqual([]);
  });

  it('closes the popup when the caller hangs up before an answer', () => {
    const s = run([server(offered()), server({ type: 'call.offer_cancelled', id: CALL, reason: 'abandoned' })]);
    expect(s.offers[0]?.closed?.reason).toBe('abandoned');
  });

  it('ignores a late offer of a call this agent just declined', () => {
    const s = run([server(offered()), { kind: 'declined', callId: CALL }, server(offered())]);
    expect(s.offers).toEqual([]);
  });

  it('keeps the ended call for "Call ended" until dismissed', () => {
    const ended = run([
      server(offered()),
      server({ type: 'call.updated', id: CALL, call: summary() }),
      server({ type: 'call.ended', id: CALL, call: summary({ status: 'ended', result: 'answered', talk_seconds: 192, ended_at: '2026-03-02T03:03:17.000Z' }) }),
    ]);
    expect(ended.call).toMatchObject({ status: 'ended', result: 'answered', talkSeconds: 192, customer: { name: 'Budi Santoso' } });
    expect(onLiveCall(ended)).toBe(false);
    expect(run([{ kind: 'dismiss_call' }], ended).call).toBeNull();
  });

  it('does not take calls of other agents (supervisors receive every call.updated)', () => {
    const s = run([server({ type: 'call.updated', id: 'x', call: summary({ id: 'x', agent_id: OTHER }) })]);
    expect(s.call).toBeNull();
  });

  it('marks the call transferred when it goes back to offering or to another agent', () => {
    const s = run([
      { kind: 'call_synced', call: summary() },
      { kind: 'call_synced', call: summary({ agent_id: null, status: 'offering' }) },
    ]);
    expect(s.call).toMatchObject({ status: 'ended', transferred: true });
    const other = run([{ kind: 'call_synced', call: summary() }, { kind: 'call_synced', call: summary({ agent_id: OTHER }) }]);
    expect(other.call).toMatchObject({ status: 'ended', transferred: true });
    // Later news of that call (the new agent hangs up) changes nothing here.
    expect(run([{ kind: 'call_synced', call: summary({ agent_id: OTHER, status: 'ended', result: 'answered' }) }], s).call).toMatchObject({ transferred: true });
  });

  it('tracks hold, the auto-retrieve and mute of the current call', () => {
    const s = run([
      { kind: 'call_synced', call: summary() },
      { kind: 'muted', callId: CALL, muted: true },
      { kind: 'call_synced', call: summary({ status: 'on_hold', hold_started_at: '2026-03-02T03:01:00.000Z' }) },
      server({ type: 'call.hold_retrieved', id: CALL }, T0 + 300_000),
    ]);
    expect(s.call).toMatchObject({ status: 'on_hold', muted: true, holdStartedAt: '2026-03-02T03:01:00.000Z', retrievedAt: T0 + 300_000 });
  });

  it('starts an outbound call with the room customer', () => {
    const s = run([{ kind: 'call_synced', call: summary({ direction: 'outbound', status: 'dialing', answered_at: null }), customer: { number: '+6281111', name: 'Sari' } }]);
    expect(s.call).toMatchObject({ direction: 'outbound', status: 'dialing', customer: { name: 'Sari' } });
  });

  it('merges partial presence updates for this agent only', () => {
    const s = run([
      server({ type: 'presence.changed', presence: { user_id: ME, effective_status: 'busy', current_call_id: CALL } }),
      server({ type: 'presence.changed', presence: { user_id: OTHER, effective_status: 'offline' } }),
    ]);
    expect(s.presence).toMatchObject({ status: 'available', effective_status: 'busy', current_call_id: CALL });
  });
});
