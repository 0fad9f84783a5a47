import { describe, expect, it } from 'vitest';
import { initialWallboardState, wallboardReducer } from '../state/wallboard-state.js';
import { iso, summary, t, T0 } from '../testing/fixtures.js';
import { AGENT, board } from '../testing/wallboard-fixtures.js';
import { wallboardModel } from './wallboard.js';

const opts = { serviceLevelThresholdS: 20 };

describe('wallboard model', () => {
  it('shows nothing as loading before the snapshot', () => {
    const m = wallboardModel(initialWallboardState, T0, t, opts);
    expect(m.loading).toBe(true);
    expect(m.kpis.find((k) => k.id === 'answered')?.value).toBe('—');
  });

  it('counts agents by status and times their status on the server clock', () => {
    // The browser is 2 s behind the server.
    const s = wallboardReducer(initialWallboardState, { kind: 'snapshot', board: board(), receivedAt: T0 - 2_000 });
    const m = wallboardModel(s, T0 - 2_000 + 5_000, t, opts);
    expect(m.statuses.map((x) => [x.status, x.count])).toEqual([['available', 1], ['busy', 0], ['after_call_work', 0], ['paused', 0], ['offline', 0]]);
    expect(m.agents[0]).toMatchObject({ name: 'Agus', status: 'Available', tone: 'available', inStatus: '00:01:05' });
  });

  it('lists waiting calls longest first, late ones past the service-level threshold', () => {
    const s = wallboardReducer(
      wallboardReducer(initialWallboardState, { kind: 'snapshot', board: board(), receivedAt: T0 }),
      { kind: 'call', call: summary({ id: 'w2', status: 'queued', agent_id: null, answered_at: null, offered_at: iso(T0 - 5_000) }), now: T0, names: { channel: 'Demo WhatsApp' } },
    );
    const m = wallboardModel(s, T0, t, opts);
    expect(m.waiting.map((w) => [w.id, w.wait, w.late])).toEqual([['w1', '00:00:40', true], ['w2', '00:00:05', false]]);
    expect(m.kpis.find((k) => k.id === 'waiting')).toMatchObject({ value: '2', tone: 'bad' });
    expect(m.kpis.find((k) => k.id === 'longest_wait')?.value).toBe('00:00:40');
  });

  it('shows calls in progress with talk time, and who the agent talks to', () => {
    let s = wallboardReducer(initialWallboardState, { kind: 'snapshot', board: board({ waiting: [] }), receivedAt: T0 });
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'c1', status: 'connected', agent_id: AGENT, answered_at: iso(T0 - 75_000), customer_number: '+62812' }), now: T0, names: { agent: 'Agus', channel: 'Demo WhatsApp' } });
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'c2', status: 'on_hold', agent_id: 'b', answered_at: iso(T0 - 5_000) }), now: T0, names: { agent: 'Budi' } });
    s = wallboardReducer(s, { kind: 'call', call: summary({ id: 'c3', status: 'dialing', direction: 'outbound', agent_id: 'c', answered_at: null }), now: T0, names: { agent: 'Citra' } });
    s = wallboardReducer(s, { kind: 'presence', presence: { user_id: AGENT, effective_status: 'busy', current_call_id: 'c1' }, now: T0, names: {} });
    const m = wallboardModel(s, T0, t, opts);
    expect(m.live.map((c) => [c.id, c.status, c.talk, c.monitorable])).toEqual([
      ['c1', 'In a call', '00:01:15', true],
      ['c2', 'On hold', '00:00:05', true],
      ['c3', 'Ringing the customer…', '—', false],
    ]);
    expect(m.agents[0]).toMatchObject({ status: 'On a call', withCustomer: '+62812' });
  });

  it("grades today's service level", () => {
    const at = (pct: number | null) => wallboardModel(
      wallboardReducer(initialWallboardState, { kind: 'snapshot', board: board({ today: { ...board().today, service_level_pct: pct } }), receivedAt: T0 }), T0, t, opts,
    ).kpis.find((k) => k.id === 'service_level')!;
    expect(at(85)).toMatchObject({ value: '85%', tone: 'ok', hint: 'Answered within 20 s' });
    expect(at(65.4)).toMatchObject({ value: '65%', tone: 'warn' });
    expect(at(10)).toMatchObject({ tone: 'bad' });
    expect(at(null)).toMatchObject({ value: '—', tone: 'plain' });
  });
});
