import { assertNever } from '../assert-never.js';
import type { AgentSnapshot } from './agent-snapshot.js';
import type { QueueStrategy } from './queue-strategy.js';

export interface PickFromQueueInput {
  strategy: QueueStrategy;
  /** Agents that may be offered the call right now (already filtered for eligibility and exclusions). */
  candidates: readonly AgentSnapshot[];
  /** Member order of the group; round_robin walks it and every strategy breaks ties by it. Defaults to candidate order. */
  order?: readonly string[];
  /** round_robin: the member offered last. */
  pointer: string | null;
  now: Date;
  /** A source in [0, 1), used by `random` only. */
  random: () => number;
}

export interface QueuePick {
  agentIds: string[];
  /** The pointer to persist (unchanged unless the strategy keeps one). */
  pointer: string | null;
}

/** Who among the candidates is offered the call under a queue strategy; null when there is nobody. */
export function pickFromQueue(input: PickFromQueueInput): QueuePick | null {
  const ordered = orderCandidates(input.candidates, input.order);
  if (ordered.length === 0) return null;
  const one = (agent: AgentSnapshot, pointer: string | null = input.pointer): QueuePick => ({ agentIds: [agent.id], pointer });
  switch (input.strategy) {
    case 'ring_all':
      return { agentIds: ordered.map((a) => a.id), pointer: input.pointer };
    case 'round_robin': {
      const next = nextAfterPointer(ordered, input.order ?? ordered.map((a) => a.id), input.pointer);
      return one(next, next.id);
    }
    case 'longest_idle':
      return one(first(ordered, (a, b) => idleSinceMs(a, input.now) - idleSinceMs(b, input.now)));
    case 'fewest_calls':
      // Ties go to the agent idle longest, then to member order.
      return one(first(ordered, (a, b) => a.callsToday - b.callsToday || idleSinceMs(a, input.now) - idleSinceMs(b, input.now)));
    case 'random': {
      const index = Math.min(ordered.length - 1, Math.max(0, Math.floor(input.random() * ordered.length)));
      return one(ordered[index]!);
    }
    default:
      return assertNever(input.strategy, 'queue strategy');
  }
}

function orderCandidates(candidates: readonly AgentSnapshot[], order: readonly string[] | undefined): AgentSnapshot[] {
  if (!order) return [...candidates];
  const rank = new Map(order.map((id, i) => [id, i]));
  const known = candidates.filter((a) => rank.has(a.id));
  return known.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

/** The first candidate after the pointer in member order, wrapping around; from the top when the pointer is unknown. */
function nextAfterPointer(ordered: AgentSnapshot[], order: readonly string[], pointer: string | null): AgentSnapshot {
  const start = pointer === null ? -1 : order.indexOf(pointer);
  const candidateIds = new Set(ordered.map((a) => a.id));
  for (let step = 1; step <= order.length; step++) {
    const id = order[(start + step + order.length) % order.length]!;
    if (candidateIds.has(id)) return ordered.find((a) => a.id === id)!;
  }
  return ordered[0]!;
}

/**
 * Idle since the later of "became available" and "last call ended"; an agent with neither is treated as
 * idle the longest. Future timestamps (clock skew) count as "just now".
 */
function idleSinceMs(agent: AgentSnapshot, now: Date): number {
  const times = [agent.availableSince, agent.lastCallEndedAt].filter((t): t is Date => t !== null).map((t) => t.getTime());
  if (times.length === 0) return Number.NEGATIVE_INFINITY;
  return Math.min(Math.max(...times), now.getTime());
}

/** The smallest item under `compare`; the earliest one wins ties, so member order decides. */
function first<T>(items: T[], compare: (a: T, b: T) => number): T {
  let best = items[0] as T;
  for (const item of items.slice(1)) if (compare(item, best) < 0) best = item;
  return best;
}
