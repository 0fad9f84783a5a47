/**
 * Routing: who is offered an inbound call (SPEC §4). Pure; the app loads the snapshots, calls
 * `decideRouting`, persists `pointerUpdate`, and sends the offers.
 *
 * Shape:
 * - `decideRouting({ assignee, ringGroups, target, agents, excludedAgentIds, now, random })` walks the tiers
 *   assignee → round-robin ring group → ring-to-all ring group → channel target → unanswered and returns a
 *   `RoutingDecision` (`ring` with the agents to ring at once and the tier, `queue`, `flow`, `ai_agent` or
 *   `unanswered` with a reason), plus `skipped`: why each earlier tier rang nobody (for the call journey).
 * - Eligible agent: `available`, signed in, channel member, not on a call and not ringing for another call
 *   (`isEligibleAgent`). Ring-to-all with `ringRegardlessOfStatus` rings every signed-in member not on a call
 *   whatever their status (`isRingRegardlessCandidate`).
 * - Re-route after a reject or a missed offer by calling again with the tried agents in `excludedAgentIds`
 *   (once no offer of the call is outstanding: a ring-to-all offer rings on for the others).
 * - `pickFromQueue` applies a queue strategy (`ring_all`, `round_robin` with a persisted pointer,
 *   `longest_idle`, `fewest_calls`, `random` from the injected source); `flows` reuses it.
 * - `acceptsAtProviderImmediately(decision)`: step-4 targets accept at the provider at once; tiers 1–3 ring
 *   while the caller still hears WhatsApp ringing.
 */
export type { AgentSnapshot, AgentStatus } from './agent-snapshot.js';
export { isEligibleAgent, isRingRegardlessCandidate } from './agent-eligibility.js';
export type { AgentGroupTarget, ChannelTarget } from './channel-target.js';
export { decideRouting, type RoutingInput } from './decide-routing.js';
export { pickFromQueue, type PickFromQueueInput, type QueuePick } from './pick-from-queue.js';
export { queueStrategies, type QueueStrategy } from './queue-strategy.js';
export type { RingGroupMode, RingGroupSnapshot } from './ring-group-snapshot.js';
export {
  acceptsAtProviderImmediately, type PointerUpdate, type RingTier, type RoutingDecision, type TierSkip,
  type UnansweredReason,
} from './routing-decision.js';
