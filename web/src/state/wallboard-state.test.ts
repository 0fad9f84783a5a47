import { describe, expect, it } from 'vitest';
import { iso, presence, summary, T0 } from '../testing/fixtures.js';
import { AGENT, board } from '../testing/wallboard-fixtures.js';
import { initialWallboardState, wallboardReducer, type WallboardState } from './wallboard-state.js';

const loaded = (receivedAt = T0): WallboardState => wallboardReducer(initialWallboardState, { kind: 'snapshot', board: board(), receivedAt });

describe('wallboard state', () => {
  it('takes the snapshot and the server clock skew', () => {
    const s = loaded(T0 - 2_000);
    expect(s.source).toBe('reports');
    expect(s.skewMs).toBe(2_000);
    expect(s.agents).toEqual([expect.objectContaining({ userId: AGENT, effective: 'available', since: iso(T0 - 60_000) })]);
    expect(s.calls.map((c) => c.id)).toEqual(['w1']);
    expect(s.today?.answered).toBe(8);
  });

  it('an agent taking a call turns busy from then, and back to their status when it ends', () => {
    let s = loaded();
    s = wallboardReducer(s, { kind: 'presence', presence: { user_id: AGENT, effective_status: 'busy', current_call_id: 'c1' }, now: T0 + 5_000, names: {} });
    expect(s.agents[0]).toMatchObject({ effective: 'busy', status: 'available', since: iso(T0 + 5_000), callId: 'c1' });
    s = wallboardReducer(s, { kind: 'presence', presence: { user_id: AGENT, effective_status: 'available', current_call_id: null }, now: T0 + 65_000, names: {} });
    expect(s.agents[0]).toMatchObject({ effective: 'available', since: iso(T0 + 65_000), callId: null });
  });

  it('a status the server timed keeps its time; a repeated event does not restart the clock', () => {
    let s = loaded();
    const paused = presence({ user_id: AGENT, status: 'paused', effective_status: 'paused', pause_reason: 'Lunch', status_since: iso(T0 + 1_000) });
    s = wallboardReducer(s, { kind: 'presence', presence: paused, now: T0 + 3_000, names: {} });
    expect(s.agents[0]).toMatchObject({ effective: 'paused', pauseReason: 'Lunch', since: iso(T0 + 1_000) });
    s = wallboardReducer(s, { kind: 'presence', presence: { user_id: AGENT, effective_status: 'paused' }, now: T0 + 9_000, names: {} });
    expect(s.agents[0]!.since).toBe(iso(T0 + 1_000));
  });

  it('adds an agent it did not know only when the runtime knows their name', () => {
    const s = loaded();
    expect(wallboardReducer(s, { kind: 'presence', presence: { user_id: 'x', effective_status: 'available' }, now: T0, names: {} })).toBe(s);
    const added = wallboardReducer(s, { kind: 'presence', presence: { user_id: 'x', effective_status: 'available', status: 'available' }, now: T0, names: { user: { name: 'Budi', role: 'agent' } } });
    expect(added.agents.map((a) => a.name)).toEqual(['Agus', 'Budi']);
  });

  it('follows a call from waiting to answered to ended, keeping the names it learnt', () => {
    let s = loaded();
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'w1', status: 'offering', agent_id: null, answered_at: null, offered_at: iso(T0 - 40_000) }), now: T0, names: {} });
    expect(s.calls[0]).toMatchObject({ status: 'offering', channelName: 'Demo WhatsApp', groupName: 'Support' });
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'w1', status: 'connected', agent_id: AGENT, answered_at: iso(T0 + 1_000) }), now: T0 + 1_000, names: { agent: 'Agus' } });
    expect(s.calls[0]).toMatchObject({ status: 'connected', agentName: 'Agus', answeredAt: iso(T0 + 1_000) });
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'w1', status: 'ended', result: 'answered' }), now: T0 + 9_000, names: {} });
    expect(s.calls).toEqual([]);
  });

  it('a new call without offer time starts waiting now (server time)', () => {
    const s = wallboardReducer(loaded(T0 - 1_000), { kind: 'call', call: summary({ id: 'n1', status: 'routing', agent_id: null, offered_at: null, answered_at: null }), now: T0, names: { channel: 'Demo WhatsApp' } });
    expect(s.calls.find((c) => c.id === 'n1')).toMatchObject({ offeredAt: iso(T0 + 1_000), channelName: 'Demo WhatsApp', agentName: null });
  });

  it('builds the board from presence and call lists when the reports API is missing', () => {
    const s = wallboardReducer(initialWallboardState, {
      kind: 'lists',
      presence: [presence({ user_id: AGENT }), presence({ user_id: 'admin', status: 'offline', effective_status: 'offline' }), presence({ user_id: 'gone' })],
      users: [{ id: AGENT, name: 'Agus', role: 'agent' }, { id: 'admin', name: 'Ayu', role: 'admin' }, { id: 'gone', name: 'Old', role: 'agent', disabled: true }],
      calls: [],
    });
    expect(s.source).toBe('lists');
    expect(s.agents.map((a) => a.name)).toEqual(['Agus']);
  });
});
