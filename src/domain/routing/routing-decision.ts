import { assertNever } from '../assert-never.js';

export type RingTier = 'assignee' | 'round_robin' | 'ring_all' | 'queue';

/** Persist this after offering: the member offered last becomes the group's round-robin pointer. */
export interface PointerUpdate {
  ringGroupId?: string;
  agentGroupId?: string;
  pointer: string;
}

/** Why a tier did not ring anybody; kept for the call journey. */
export interface TierSkip {
  tier: RingTier;
  id?: string;
  reason: 'no_assignee' | 'room_not_open' | 'assignee_unavailable' | 'assignee_already_tried' | 'no_eligible_member';
}

export type UnansweredReason =
  /** Nothing could take the call: no open assigned room, no ring group, no incoming target. */
  | 'no_target'
  /** Something is configured but nobody is eligible right now. */
  | 'no_agent'
  /** Eligible agents exist but every one of them already rejected or missed this call. */
  | 'all_agents_tried';

export type RoutingDecision =
  | {
      kind: 'ring';
      tier: RingTier;
      /** Ring all of these at once; the first to accept wins. */
      agentIds: string[];
      ringGroupId?: string;
      agentGroupId?: string;
      pointerUpdate?: PointerUpdate;
      skipped: TierSkip[];
    }
  /** The call is accepted at the provider and waits in these agent groups' queue, hearing prompts. */
  | { kind: 'queue'; agentGroupIds: string[]; skipped: TierSkip[] }
  | { kind: 'flow'; flowId: string; skipped: TierSkip[] }
  | { kind: 'ai_agent'; url: string; skipped: TierSkip[] }
  | { kind: 'unanswered'; reason: UnansweredReason; skipped: TierSkip[] };

/**
 * Tiers 1–3 ring agents while the caller still hears WhatsApp ringing (accept at the provider only when an
 * agent accepts); step-4 targets accept the call at once so the caller can hear prompts (SPEC §4).
 */
export function acceptsAtProviderImmediately(decision: RoutingDecision): boolean {
  switch (decision.kind) {
    case 'ring':
      return decision.tier === 'queue';
    case 'queue':
    case 'flow':
    case 'ai_agent':
      return true;
    case 'unanswered':
      return false;
    default:
      return assertNever(decision, 'routing decision');
  }
}
