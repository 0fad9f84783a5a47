import type { AgentSnapshot, RingGroupSnapshot, RoutingInput } from '../../../src/domain/routing/index.js';

export const now = new Date('2026-03-02T03:00:00Z');

export function agent(id: string, over: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    id, status: 'available', signedIn: true, onCall: false, ringing: false, channelMember: true,
    availableSince: new Date('2026-03-02T02:00:00Z'), lastCallEndedAt: null, callsToday: 0, ...over,
  };
}

export const offline = { status: 'offline', signedIn: false } as const;

export function roundRobin(memberIds: string[], pointer: string | null = null, id = 'rr'): RingGroupSnapshot {
  return { id, mode: 'round_robin', ringRegardlessOfStatus: false, memberIds, pointer };
}

export function ringAll(memberIds: string[], ringRegardlessOfStatus = false, id = 'all'): RingGroupSnapshot {
  return { id, mode: 'ring_all', ringRegardlessOfStatus, memberIds, pointer: null };
}

export function routingInput(over: Partial<RoutingInput>): RoutingInput {
  return {
    assignee: null, ringGroups: [], target: null, agents: [], excludedAgentIds: [], now,
    random: () => { throw new Error('random not expected'); }, ...over,
  };
}
