import { describe, expect, it } from 'vitest';
import { monitorReducer, type MonitorState } from './monitor-state.js';

const start = (s: MonitorState, mode: 'listen' | 'whisper' | 'barge' = 'listen', callId = 'c1') =>
  monitorReducer(s, { kind: 'start', callId, mode, agentName: 'Budi', customer: '+62812', now: 1_000 });

describe('monitoring a call', () => {
  it('goes from asking to audio playing as the leg arrives', () => {
    let s = start(null);
    expect(s).toMatchObject({ callId: 'c1', mode: 'listen', phase: 'starting', startedAt: 1_000 });
    s = monitorReducer(s, { kind: 'offer', callId: 'c1', role: 'listen' });
    expect(s?.phase).toBe('connecting');
    s = monitorReducer(s, { kind: 'audio', callId: 'c1', streams: 2 });
    expect(s?.phase).toBe('live');
  });

  it('keeps the session (and its start) when the mode changes', () => {
    let s = monitorReducer(start(null), { kind: 'audio', callId: 'c1', streams: 2 });
    s = monitorReducer(s, { kind: 'start', callId: 'c1', mode: 'whisper', agentName: null, customer: null, now: 9_000 });
    expect(s).toMatchObject({ mode: 'whisper', phase: 'starting', startedAt: 1_000, agentName: 'Budi' });
    s = monitorReducer(s, { kind: 'offer', callId: 'c1', role: 'whisper' });
    expect(s).toMatchObject({ mode: 'whisper', phase: 'connecting' });
  });

  it('ignores legs and endings of other calls, and unknown roles', () => {
    const s = start(null);
    expect(monitorReducer(s, { kind: 'offer', callId: 'c2', role: 'listen' })).toBe(s);
    expect(monitorReducer(s, { kind: 'offer', callId: 'c1', role: 'agent' })).toBe(s);
    expect(monitorReducer(s, { kind: 'call_ended', callId: 'c2' })).toBe(s);
    expect(monitorReducer(s, { kind: 'audio', callId: 'c2', streams: 1 })).toBe(s);
  });

  it('ends with the call, a failure or stop', () => {
    expect(monitorReducer(start(null), { kind: 'call_ended', callId: 'c1' })).toBeNull();
    expect(monitorReducer(start(null), { kind: 'failed', callId: 'c1' })).toBeNull();
    expect(monitorReducer(start(null), { kind: 'stop' })).toBeNull();
  });

  it('starting another call replaces the session', () => {
    const s = start(start(null), 'barge', 'c2');
    expect(s).toMatchObject({ callId: 'c2', mode: 'barge', phase: 'starting' });
  });
});
