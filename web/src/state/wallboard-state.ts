import type { Wallboard, WallboardToday } from '../api/report-types.js';
import type { CallRecord, CallSummary, EffectiveStatus, Presence } from '../api/types.js';

/** One agent on the wallboard. `since` is when the shown (effective) status started, server time. */
export interface WallAgent {
  userId: string;
  name: string;
  role: string;
  effective: EffectiveStatus;
  status: string;
  pauseReason: string | null;
  since: string;
  callId: string | null;
}

/** A call waiting or in progress. */
export interface WallCall {
  id: string;
  status: string;
  direction: 'inbound' | 'outbound';
  channelId: string;
  channelName: string | null;
  customerNumber: string | null;
  contactName: string | null;
  agentId: string | null;
  agentName: string | null;
  groupName: string | null;
  /** When it reached routing (waiting calls count their wait from here). */
  offeredAt: string | null;
  answeredAt: string | null;
  holdStartedAt: string | null;
}

export interface WallboardState {
  /** Where the snapshot came from: the reports API, or presence and call lists when that is missing. */
  source: 'reports' | 'lists' | null;
  agents: WallAgent[];
  calls: WallCall[];
  today: WallboardToday | null;
  /** Server clock minus the browser's, from the snapshot (times on the board are the server's). */
  skewMs: number;
  timeZone: string | null;
}

export const initialWallboardState: WallboardState = { source: null, agents: [], calls: [], today: null, skewMs: 0, timeZone: null };

/** Names the runtime looked up (reference data) for an event; the reducer itself reads nothing. */
export interface Names {
  user?: { name: string; role: string } | null;
  channel?: string | null;
  agent?: string | null;
}

export type WallboardEvent =
  | { kind: 'snapshot'; board: Wallboard; receivedAt: number }
  | { kind: 'lists'; presence: Presence[]; users: { id: string; name: string; role: string; disabled?: boolean }[]; calls: CallRecord[] }
  | { kind: 'presence'; presence: Partial<Presence> & { user_id: string }; now: number; names: Names }
  | { kind: 'call'; call: CallSummary; now: number; names: Names }
  | { kind: 'call_ended'; id: string };

export const WAITING_STATUSES: readonly string[] = ['routing', 'offering', 'queued'];
export const isWaiting = (c: Pick<WallCall, 'status'>): boolean => WAITING_STATUSES.includes(c.status);

const iso = (ms: number) => new Date(ms).toISOString();

function fromRecord(c: CallRecord): WallCall {
  return {
    id: c.id, status: c.status, direction: c.direction, channelId: c.channel_id, channelName: c.channel_name, customerNumber: c.customer_number,
    contactName: c.contact_name, agentId: c.agent_id, agentName: c.agent_id ? c.agent_name : null, groupName: c.agent_group_name,
    offeredAt: c.offered_at ?? c.created_at, answeredAt: c.answered_at, holdStartedAt: c.hold_started_at,
  };
}

function onPresence(state: WallboardState, p: Partial<Presence> & { user_id: string }, now: number, names: Names): WallboardState {
  const prev = state.agents.find((a) => a.userId === p.user_id);
  if (!prev && !names.user) return state;
  const effective: EffectiveStatus = p.effective_status ?? prev?.effective ?? (p.status as EffectiveStatus | undefined) ?? 'offline';
  const status = p.status ?? prev?.status ?? effective;
  const pauseReason = p.pause_reason !== undefined ? p.pause_reason : (p.status && p.status !== 'paused' ? null : prev?.pauseReason ?? null);
  const changed = !prev || prev.effective !== effective || prev.status !== status || prev.pauseReason !== pauseReason;
  const serverNow = iso(now + state.skewMs);
  // The server's own timing wins; a change it does not time (or the end of a call: the status
  // chosen before it is older than the call) starts now, on the server's clock.
  let since = prev?.since ?? serverNow;
  if (changed) {
    if (effective === 'busy') since = p.busy_since ?? serverNow;
    else if (prev?.effective === 'busy') since = serverNow;
    else since = p.status_since ?? serverNow;
  }
  const callId = p.current_call_id !== undefined ? p.current_call_id : prev?.callId ?? null;
  const agent: WallAgent = {
    userId: p.user_id, name: prev?.name ?? names.user!.name, role: prev?.role ?? names.user!.role,
    effective, status, pauseReason, since, callId,
  };
  return { ...state, agents: prev ? state.agents.map((a) => (a.userId === p.user_id ? agent : a)) : [...state.agents, agent] };
}

function onCall(state: WallboardState, s: CallSummary, now: number, names: Names): WallboardState {
  if (s.status === 'ended') return { ...state, calls: state.calls.filter((c) => c.id !== s.id) };
  const prev = state.calls.find((c) => c.id === s.id);
  const call: WallCall = {
    id: s.id, status: s.status, direction: s.direction, channelId: s.channel_id,
    channelName: names.channel ?? prev?.channelName ?? null,
    customerNumber: s.customer_number ?? prev?.customerNumber ?? null,
    contactName: prev?.contactName ?? null,
    agentId: s.agent_id,
    agentName: s.agent_id ? (s.agent_id === prev?.agentId ? prev.agentName : null) ?? names.agent ?? null : null,
    groupName: prev?.groupName ?? null,
    offeredAt: s.offered_at ?? prev?.offeredAt ?? iso(now + state.skewMs),
    answeredAt: s.answered_at,
    holdStartedAt: s.hold_started_at,
  };
  return { ...state, calls: prev ? state.calls.map((c) => (c.id === s.id ? call : c)) : [...state.calls, call] };
}

/** The wallboard's state: a snapshot, then presence and call events (no I/O, no clock). */
export function wallboardReducer(state: WallboardState, e: WallboardEvent): WallboardState {
  switch (e.kind) {
    case 'snapshot': {
      const b = e.board;
      const calls = [...b.waiting, ...b.in_progress].map((c): WallCall => ({
        id: c.id, status: c.status, direction: c.direction, channelId: c.channel_id, channelName: c.channel_name, customerNumber: c.customer_number,
        contactName: c.contact_name, agentId: c.agent_id, agentName: c.agent_name, groupName: c.agent_group_name, offeredAt: c.offered_at,
        answeredAt: c.answered_at, holdStartedAt: null,
      }));
      // Hold times are not in the snapshot: keep what events told us about calls still on hold.
      const held = new Map(state.calls.map((c) => [c.id, c.holdStartedAt]));
      return {
        source: 'reports',
        agents: b.agents.map((a) => ({
          userId: a.user_id, name: a.name, role: a.role, effective: a.effective_status, status: a.status, pauseReason: a.pause_reason, since: a.since, callId: a.current_call_id,
        })),
        calls: calls.map((c) => (c.status === 'on_hold' ? { ...c, holdStartedAt: held.get(c.id) ?? null } : c)),
        today: b.today,
        skewMs: Date.parse(b.now) - e.receivedAt,
        timeZone: b.time_zone,
      };
    }
    case 'lists': {
      const users = new Map(e.users.map((u) => [u.id, u]));
      const agents = e.presence.flatMap((p): WallAgent[] => {
        const u = users.get(p.user_id);
        if (!u || u.disabled || (u.role !== 'agent' && p.status === 'offline' && !p.current_call_id)) return [];
        const busy = p.current_call_id !== null;
        return [{
          userId: p.user_id, name: u.name, role: u.role, effective: p.effective_status, status: p.status, pauseReason: p.pause_reason,
          since: (busy ? p.busy_since : null) ?? p.status_since, callId: p.current_call_id,
        }];
      });
      return { ...state, source: 'lists', agents, calls: e.calls.filter((c) => c.status !== 'ended').map(fromRecord), skewMs: 0 };
    }
    case 'presence':
      return onPresence(state, e.presence, e.now, e.names);
    case 'call':
      return onCall(state, e.call, e.now, e.names);
    case 'call_ended':
      return { ...state, calls: state.calls.filter((c) => c.id !== e.id) };
  }
}
