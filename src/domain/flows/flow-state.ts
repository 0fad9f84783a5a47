import type { QueueStrategy } from '../routing/index.js';
import type { FlowValue, FlowVariables } from './condition.js';

export type WaitKind = 'queue' | 'agent' | 'webhook';

/** What the interaction waits for; the app feeds the matching result back (or a timeout at `timeoutAt`). */
export interface WaitingFor {
  actionId: string;
  kind: WaitKind;
  timeoutAt: string;
}

export type FlowOutcome = 'answered' | 'abandoned' | 'closed' | 'voicemail' | 'ended' | 'step_limit';

/** One interaction's progress through a flow; plain JSON the app stores between runs. */
export interface FlowState {
  status: 'idle' | 'waiting' | 'done';
  waitingFor: WaitingFor | null;
  variables: FlowVariables;
  /** Per auto_reply action: messages sent in this interaction. */
  autoReplyCounts: Record<string, number>;
  /** Per goto with maxTimes: jumps taken in this interaction. */
  gotoCounts: Record<string, number>;
  outcome: FlowOutcome | null;
}

export function initialFlowState(variables: FlowVariables = {}): FlowState {
  return { status: 'idle', waitingFor: null, variables, autoReplyCounts: {}, gotoCounts: {}, outcome: null };
}

/**
 * What moves a flow: `start` (a new interaction, or a new customer message in the same one: the flow runs from
 * the top again, and per-interaction counters carry over), or the result of the action it waits for.
 */
export type FlowInput =
  | { type: 'start'; variables?: FlowVariables }
  | { type: 'queue_result'; actionId: string; outcome: 'answered' | 'timeout' | 'abandoned' }
  | { type: 'agent_result'; actionId: string; outcome: 'answered' | 'no_answer' | 'abandoned' }
  | { type: 'webhook_result'; actionId: string; ok: boolean; status: number | null; data?: unknown };

/** Effects the app performs; the interpreter itself does nothing. */
export type FlowEffect =
  | { type: 'enqueue'; actionId: string; agentGroupId: string; strategy: QueueStrategy; maxWaitSeconds: number }
  | { type: 'offer_to_agent'; actionId: string; agentId: string; timeoutSeconds: number }
  | { type: 'send_message'; actionId: string; text: string }
  | { type: 'add_tags'; actionId: string; tags: string[] }
  | { type: 'close'; actionId: string; disposition: string | null }
  | { type: 'log'; actionId: string | null; level: 'info' | 'warn'; message: string }
  | { type: 'start_voicemail'; actionId: string }
  | { type: 'call_webhook'; actionId: string; url: string; method: 'POST' | 'GET'; timeoutMs: number; variables: Record<string, FlowValue> };

export interface FlowRun {
  state: FlowState;
  effects: FlowEffect[];
  waitingFor?: WaitingFor;
  /** The input did not apply (a stale or unexpected result, or a start while waiting); nothing changed. */
  ignored?: true;
}
