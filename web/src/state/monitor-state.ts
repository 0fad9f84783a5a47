import type { MonitorMode } from '../api/supervisor-api.js';

/** The call a supervisor listens to, whispers into or barges into (one at a time). */
export interface MonitorSession {
  callId: string;
  mode: MonitorMode;
  /** `starting`: asked the server; `connecting`: its audio leg arrived; `live`: audio plays. */
  phase: 'starting' | 'connecting' | 'live';
  agentName: string | null;
  customer: string | null;
  /** Local time monitoring started (the bar shows for how long). */
  startedAt: number;
}

export type MonitorState = MonitorSession | null;

export type MonitorEvent =
  | { kind: 'start'; callId: string; mode: MonitorMode; agentName: string | null; customer: string | null; now: number }
  | { kind: 'offer'; callId: string; role: string }
  | { kind: 'audio'; callId: string; streams: number }
  | { kind: 'stop' }
  | { kind: 'call_ended'; callId: string }
  | { kind: 'failed'; callId: string };

const isMode = (r: string): r is MonitorMode => r === 'listen' || r === 'whisper' || r === 'barge';

/** Pure: monitoring follows the supervisor's choices and the server's legs; a mode change keeps the session. */
export function monitorReducer(s: MonitorState, e: MonitorEvent): MonitorState {
  switch (e.kind) {
    case 'start':
      if (s && s.callId === e.callId) return { ...s, mode: e.mode, phase: 'starting' };
      return { callId: e.callId, mode: e.mode, phase: 'starting', agentName: e.agentName, customer: e.customer, startedAt: e.now };
    case 'offer':
      if (!s || s.callId !== e.callId || !isMode(e.role)) return s;
      return { ...s, mode: e.role, phase: 'connecting' };
    case 'audio':
      if (!s || s.callId !== e.callId) return s;
      return { ...s, phase: e.streams > 0 ? 'live' : s.phase === 'live' ? 'connecting' : s.phase };
    case 'stop':
      return null;
    case 'call_ended':
    case 'failed':
      return s && s.callId === e.callId ? null : s;
  }
}
