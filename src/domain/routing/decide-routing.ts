import { assertNever } from '../assert-never.js';
import { isEligibleAgent, isRingRegardlessCandidate } from './agent-eligibility.js';
import type { AgentSnapshot } from './agent-snapshot.js';
import type { ChannelTarget } from './channel-target.js';
import { pickFromQueue } from './pick-from-queue.js';
import type { RingGroupSnapshot } from './ring-group-snapshot.js';
import type { RoutingDecision, TierSkip } from './routing-decision.js';

export interface RoutingInput {
  /** The customer's latest room on this channel and its assignee; null when there is none or nobody is assigned. */
  assignee: { agentId: string; roomOpen: boolean } | null;
  /** The channel's ring groups (at most one per mode; extra ones are tried in the given order). */
  ringGroups: readonly RingGroupSnapshot[];
  target: ChannelTarget | null;
  /** Every agent the input mentions (assignee, ring-group and agent-group members). */
  agents: readonly AgentSnapshot[];
  /** Agents who already rejected or missed this call. */
  excludedAgentIds: readonly string[];
  now: Date;
  random: () => number;
}

/**
 * Who is offered an inbound call (SPEC §4), as one pass down the tiers: open room's assignee → round-robin
 * ring group → ring-to-all ring group → the channel's incoming target → unanswered. Re-routing after a reject
 * or a missed offer is the same call with the tried agents in `excludedAgentIds`. A call already waiting in a
 * queue is re-offered by passing `assignee: null, ringGroups: []`.
 */
export function decideRouting(input: RoutingInput): RoutingDecision {
  const agents = new Map(input.agents.map((a) => [a.id, a]));
  const excluded = new Set(input.excludedAgentIds);
  const skipped: TierSkip[] = [];
  let sawEligibleButExcluded = false;
  let sawConfiguredTier = false;

  const candidatesAmong = (ids: readonly string[], eligible: (a: AgentSnapshot) => boolean): AgentSnapshot[] => {
    const pool = ids.map((id) => agents.get(id)).filter((a): a is AgentSnapshot => a !== undefined && eligible(a));
    const open = pool.filter((a) => !excluded.has(a.id));
    if (open.length === 0 && pool.length > 0) sawEligibleButExcluded = true;
    return open;
  };

  // 1. The assignee of an open room, alone.
  if (input.assignee === null) {
    skipped.push({ tier: 'assignee', reason: 'no_assignee' });
  } else if (!input.assignee.roomOpen) {
    skipped.push({ tier: 'assignee', reason: 'room_not_open', id: input.assignee.agentId });
  } else {
    sawConfiguredTier = true;
    const agent = agents.get(input.assignee.agentId);
    if (agent === undefined || !isEligibleAgent(agent)) {
      skipped.push({ tier: 'assignee', reason: 'assignee_unavailable', id: input.assignee.agentId });
    } else if (excluded.has(agent.id)) {
      sawEligibleButExcluded = true;
      skipped.push({ tier: 'assignee', reason: 'assignee_already_tried', id: agent.id });
    } else {
      return { kind: 'ring', tier: 'assignee', agentIds: [agent.id], skipped };
    }
  }

  // 2. Round robin, then 3. ring to all.
  for (const group of input.ringGroups.filter((g) => g.mode === 'round_robin')) {
    sawConfiguredTier = true;
    const pick = pickFromQueue({
      strategy: 'round_robin', candidates: candidatesAmong(group.memberIds, isEligibleAgent), order: group.memberIds,
      pointer: group.pointer, now: input.now, random: input.random,
    });
    if (pick === null) {
      skipped.push({ tier: 'round_robin', id: group.id, reason: 'no_eligible_member' });
      continue;
    }
    return {
      kind: 'ring', tier: 'round_robin', agentIds: pick.agentIds, ringGroupId: group.id,
      pointerUpdate: { ringGroupId: group.id, pointer: pick.pointer! }, skipped,
    };
  }
  for (const group of input.ringGroups.filter((g) => g.mode === 'ring_all')) {
    sawConfiguredTier = true;
    const eligible = group.ringRegardlessOfStatus ? isRingRegardlessCandidate : isEligibleAgent;
    const candidates = candidatesAmong(group.memberIds, eligible);
    if (candidates.length === 0) {
      skipped.push({ tier: 'ring_all', id: group.id, reason: 'no_eligible_member' });
      continue;
    }
    return { kind: 'ring', tier: 'ring_all', agentIds: candidates.map((a) => a.id), ringGroupId: group.id, skipped };
  }

  // 4. The channel's incoming target.
  if (input.target !== null) {
    switch (input.target.kind) {
      case 'flow':
        return { kind: 'flow', flowId: input.target.flowId, skipped };
      case 'ai_agent':
        return { kind: 'ai_agent', url: input.target.url, skipped };
      case 'agent_groups': {
        for (const group of input.target.groups) {
          const pick = pickFromQueue({
            strategy: group.strategy, candidates: candidatesAmong(group.memberIds, isEligibleAgent),
            order: group.memberIds, pointer: group.pointer, now: input.now, random: input.random,
          });
          if (pick === null) {
            skipped.push({ tier: 'queue', id: group.agentGroupId, reason: 'no_eligible_member' });
            continue;
          }
          const pointerMoved = pick.pointer !== null && pick.pointer !== group.pointer;
          return {
            kind: 'ring', tier: 'queue', agentIds: pick.agentIds, agentGroupId: group.agentGroupId,
            ...(pointerMoved ? { pointerUpdate: { agentGroupId: group.agentGroupId, pointer: pick.pointer! } } : {}),
            skipped,
          };
        }
        if (input.target.groups.length > 0) {
          return { kind: 'queue', agentGroupIds: input.target.groups.map((g) => g.agentGroupId), skipped };
        }
        break;
      }
      default:
        return assertNever(input.target, 'channel target');
    }
  }

  // 5. Nobody can take it.
  const reason = sawEligibleButExcluded ? 'all_agents_tried' : sawConfiguredTier ? 'no_agent' : 'no_target';
  return { kind: 'unanswered', reason, skipped };
}
