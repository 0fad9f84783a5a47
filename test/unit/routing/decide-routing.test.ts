import { describe, expect, it } from 'vitest';
import { acceptsAtProviderImmediately, decideRouting, type RoutingDecision, type RoutingInput } from '../../../src/domain/routing/index.js';
import { agent, offline, ringAll, roundRobin, routingInput } from './fixtures.js';

type Expected = Partial<Extract<RoutingDecision, { kind: 'ring' }>> | Partial<RoutingDecision>;
interface Case { name: string; input: Partial<RoutingInput>; expected: Expected }

const A = agent('A');
const B = agent('B');
const C = agent('C');

// Seed 004 §E "Contoh 1–5" and its FAQ, then the SPEC §4 precedence in detail.
const cases: Case[] = [
  {
    name: 'Contoh 1: customer chatted first, room has no assignee, no ring group → nobody gets the call',
    input: { assignee: null, agents: [A, B] },
    expected: { kind: 'unanswered', reason: 'no_target' },
  },
  {
    name: 'Contoh 2: no chat first, no ring group → nobody gets the call',
    input: { assignee: null, ringGroups: [], agents: [A, B] },
    expected: { kind: 'unanswered', reason: 'no_target' },
  },
  {
    name: 'Contoh 3: open room with assignee, no ring group → the assignee gets it',
    input: { assignee: { agentId: 'A', roomOpen: true }, agents: [A, B] },
    expected: { kind: 'ring', tier: 'assignee', agentIds: ['A'] },
  },
  {
    name: 'Contoh 4: open room with assignee and a ring group → still the assignee',
    input: { assignee: { agentId: 'A', roomOpen: true }, ringGroups: [ringAll(['A', 'B', 'C'])], agents: [A, B, C] },
    expected: { kind: 'ring', tier: 'assignee', agentIds: ['A'] },
  },
  {
    name: 'Contoh 5: resolved room with assignee and a ring group → the ring group members',
    input: { assignee: { agentId: 'A', roomOpen: false }, ringGroups: [ringAll(['A', 'B', 'C'])], agents: [A, B, C] },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['A', 'B', 'C'], ringGroupId: 'all' },
  },
  {
    name: 'FAQ: active conversation with A while A is in the ring group → only A rings, the group stays idle',
    input: {
      assignee: { agentId: 'A', roomOpen: true }, ringGroups: [roundRobin(['B', 'A', 'C']), ringAll(['B', 'C'], false, 'all')],
      agents: [A, B, C],
    },
    expected: { kind: 'ring', tier: 'assignee', agentIds: ['A'] },
  },
  {
    name: 'FAQ: room with A resolved → the ring group rings all its members',
    input: { assignee: { agentId: 'A', roomOpen: false }, ringGroups: [ringAll(['A', 'B'])], agents: [A, B] },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['A', 'B'] },
  },
  {
    name: 'FAQ: every round-robin member offline, a ring-to-all group exists → ring to all',
    input: {
      ringGroups: [roundRobin(['A', 'B']), ringAll(['C'])],
      agents: [agent('A', offline), agent('B', offline), C],
    },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['C'] },
  },
  {
    name: 'FAQ: every round-robin member offline and no ring-to-all group → the call does not come in',
    input: { ringGroups: [roundRobin(['A', 'B'])], agents: [agent('A', offline), agent('B', offline)] },
    expected: { kind: 'unanswered', reason: 'no_agent' },
  },
  {
    name: 'FAQ: round robin, A is on a call → the next call goes to B',
    input: { ringGroups: [roundRobin(['A', 'B'], 'B')], agents: [agent('A', { onCall: true, status: 'busy' }), B] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['B'], pointerUpdate: { ringGroupId: 'rr', pointer: 'B' } },
  },
  {
    name: 'FAQ: round robin and ring to all both configured → round robin first',
    input: { ringGroups: [ringAll(['A', 'B'], false, 'all'), roundRobin(['A', 'B'])], agents: [A, B] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['A'], ringGroupId: 'rr' },
  },
  {
    name: 'round robin: A then B, whatever happened to the call offered to A',
    input: { ringGroups: [roundRobin(['A', 'B'], 'A')], agents: [A, B] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['B'], pointerUpdate: { ringGroupId: 'rr', pointer: 'B' } },
  },
  {
    name: 'round robin wraps around after the last member',
    input: { ringGroups: [roundRobin(['A', 'B', 'C'], 'C')], agents: [A, B, C] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['A'] },
  },
  {
    name: 'round robin: a pointer to a removed member restarts from the top',
    input: { ringGroups: [roundRobin(['A', 'B'], 'Z')], agents: [A, B] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['A'] },
  },
  {
    name: 'round robin skips a paused member and one ringing for another call',
    input: { ringGroups: [roundRobin(['A', 'B', 'C'], 'C')], agents: [agent('A', { status: 'paused' }), agent('B', { ringing: true }), C] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['C'], pointerUpdate: { ringGroupId: 'rr', pointer: 'C' } },
  },
  {
    name: 'assignee on a call → continue with the ring group (SPEC §4.1)',
    input: {
      assignee: { agentId: 'A', roomOpen: true }, ringGroups: [roundRobin(['A', 'B'])],
      agents: [agent('A', { onCall: true, status: 'busy' }), B],
    },
    expected: {
      kind: 'ring', tier: 'round_robin', agentIds: ['B'],
      skipped: [{ tier: 'assignee', reason: 'assignee_unavailable', id: 'A' }],
    },
  },
  {
    name: 'assignee offline → continue',
    input: { assignee: { agentId: 'A', roomOpen: true }, ringGroups: [ringAll(['A', 'B'])], agents: [agent('A', offline), B] },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['B'] },
  },
  {
    name: 'assignee available but not a member of the channel → continue',
    input: { assignee: { agentId: 'A', roomOpen: true }, ringGroups: [ringAll(['B'])], agents: [agent('A', { channelMember: false }), B] },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['B'] },
  },
  {
    name: 'ring to all rings only `available` members',
    input: {
      ringGroups: [ringAll(['A', 'B', 'C', 'D', 'E'])],
      agents: [A, agent('B', { status: 'paused' }), agent('C', { status: 'after_call_work' }), agent('D', offline), agent('E', { channelMember: false })],
    },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['A'] },
  },
  {
    name: 'ring regardless of status rings paused and wrap-up members, not those on a call or signed out',
    input: {
      ringGroups: [ringAll(['A', 'B', 'C', 'D', 'E'], true)],
      agents: [A, agent('B', { status: 'paused' }), agent('C', { status: 'after_call_work' }), agent('D', offline), agent('E', { status: 'busy', onCall: true })],
    },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['A', 'B', 'C'] },
  },
  {
    name: 'exclusion after a reject: the assignee rejected → the ring group, without the assignee',
    input: {
      assignee: { agentId: 'A', roomOpen: true }, ringGroups: [ringAll(['A', 'B', 'C'])], agents: [A, B, C], excludedAgentIds: ['A'],
    },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['B', 'C'], skipped: [{ tier: 'assignee', reason: 'assignee_already_tried', id: 'A' }] },
  },
  {
    name: 'exclusion after a miss: round robin moves past the member who missed',
    input: { ringGroups: [roundRobin(['A', 'B', 'C'], 'A')], agents: [A, B, C], excludedAgentIds: ['B'] },
    expected: { kind: 'ring', tier: 'round_robin', agentIds: ['C'] },
  },
  {
    name: 'every round-robin member tried → ring to all, minus the tried ones',
    input: { ringGroups: [roundRobin(['A', 'B'], 'B'), ringAll(['A', 'B', 'C'])], agents: [A, B, C], excludedAgentIds: ['A', 'B'] },
    expected: { kind: 'ring', tier: 'ring_all', agentIds: ['C'] },
  },
  {
    name: 'everybody tried and no target left → unanswered, all agents tried',
    input: { ringGroups: [roundRobin(['A', 'B'])], agents: [A, B], excludedAgentIds: ['A', 'B'] },
    expected: { kind: 'unanswered', reason: 'all_agents_tried' },
  },
  {
    name: 'ring groups exhausted → channel target: agent group queue with an eligible agent rings them',
    input: {
      ringGroups: [roundRobin(['A'])], agents: [agent('A', offline), B, C],
      target: { kind: 'agent_groups', groups: [{ agentGroupId: 'g1', strategy: 'ring_all', memberIds: ['B', 'C'], pointer: null }] },
    },
    expected: { kind: 'ring', tier: 'queue', agentIds: ['B', 'C'], agentGroupId: 'g1' },
  },
  {
    name: 'agent groups tried in order: the first group with an eligible agent',
    input: {
      agents: [agent('A', offline), B],
      target: {
        kind: 'agent_groups',
        groups: [
          { agentGroupId: 'g1', strategy: 'round_robin', memberIds: ['A'], pointer: null },
          { agentGroupId: 'g2', strategy: 'round_robin', memberIds: ['A', 'B'], pointer: null },
        ],
      },
    },
    expected: { kind: 'ring', tier: 'queue', agentIds: ['B'], agentGroupId: 'g2', pointerUpdate: { agentGroupId: 'g2', pointer: 'B' } },
  },
  {
    name: 'agent group queue with nobody free → the caller waits in the queue',
    input: {
      agents: [agent('A', { onCall: true })],
      target: { kind: 'agent_groups', groups: [{ agentGroupId: 'g1', strategy: 'longest_idle', memberIds: ['A'], pointer: null }] },
    },
    expected: { kind: 'queue', agentGroupIds: ['g1'] },
  },
  {
    name: 'IVR target → run the flow',
    input: { agents: [A], target: { kind: 'flow', flowId: 'f1' } },
    expected: { kind: 'flow', flowId: 'f1' },
  },
  {
    name: 'AI agent target → hand the call to the webhook',
    input: { target: { kind: 'ai_agent', url: 'https://bot.example/answer' } },
    expected: { kind: 'ai_agent', url: 'https://bot.example/answer' },
  },
  {
    name: 'a ring group with an eligible member comes before the IVR target',
    input: { ringGroups: [ringAll(['A'])], agents: [A], target: { kind: 'flow', flowId: 'f1' } },
    expected: { kind: 'ring', tier: 'ring_all' },
  },
];

describe('decideRouting', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(decideRouting(routingInput(input))).toMatchObject(expected);
  });

  it('ring-group round robin reports no pointer change for ring-all', () => {
    const d = decideRouting(routingInput({ ringGroups: [ringAll(['A'])], agents: [A] }));
    expect(d).not.toHaveProperty('pointerUpdate');
  });

  it('round robin over successive calls visits members in turn and persists the pointer', () => {
    let group = roundRobin(['A', 'B', 'C']);
    const offered: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = decideRouting(routingInput({ ringGroups: [group], agents: [A, B, C] }));
      if (d.kind !== 'ring' || !d.pointerUpdate) throw new Error('expected a round-robin ring');
      offered.push(...d.agentIds);
      group = { ...group, pointer: d.pointerUpdate.pointer };
    }
    expect(offered).toEqual(['A', 'B', 'C', 'A']);
  });

  it('the assignee tier and ring groups ring while the caller hears ringing; step-4 targets accept at once', () => {
    const viaAssignee = decideRouting(routingInput({ assignee: { agentId: 'A', roomOpen: true }, agents: [A] }));
    const viaQueue = decideRouting(routingInput({
      agents: [A], target: { kind: 'agent_groups', groups: [{ agentGroupId: 'g', strategy: 'ring_all', memberIds: ['A'], pointer: null }] },
    }));
    expect(acceptsAtProviderImmediately(viaAssignee)).toBe(false);
    expect(acceptsAtProviderImmediately(viaQueue)).toBe(true);
    expect(acceptsAtProviderImmediately(decideRouting(routingInput({ target: { kind: 'flow', flowId: 'f' } })))).toBe(true);
    expect(acceptsAtProviderImmediately(decideRouting(routingInput({})))).toBe(false);
  });
});
