import { assertNever } from '../assert-never.js';
import { evaluateConditions } from './condition.js';
import type { FlowEffect, FlowInput, FlowOutcome, FlowState, WaitingFor } from './flow-state.js';
import { interpolate } from './interpolate.js';
import type { FlowDefinition } from './parse-flow.js';
import { webhookVariables } from './webhook-variables.js';
import { workingHoursBranch } from './working-hours-branch.js';

export type Next = { goto: number } | { wait: WaitingFor } | { done: FlowOutcome };
export interface Stepped {
  state: FlowState;
  next: Next;
}

/** Executes the action at `pc`: appends its effects and says where the flow goes. */
export function stepAction(flow: FlowDefinition, pc: number, state: FlowState, now: Date, effects: FlowEffect[]): Stepped {
  const action = flow.actions[pc]!;
  const to = (id?: string): Next => ({ goto: id === undefined ? pc + 1 : indexOfAction(flow, id) });
  const wait = (kind: WaitingFor['kind'], ms: number): Next => ({
    wait: { actionId: action.id, kind, timeoutAt: new Date(now.getTime() + ms).toISOString() },
  });
  switch (action.type) {
    case 'queue':
      effects.push({ type: 'enqueue', actionId: action.id, agentGroupId: action.agentGroupId, strategy: action.strategy, maxWaitSeconds: action.maxWaitSeconds });
      return { state, next: wait('queue', action.maxWaitSeconds * 1000) };
    case 'agent':
      effects.push({ type: 'offer_to_agent', actionId: action.id, agentId: action.agentId, timeoutSeconds: action.timeoutSeconds });
      return { state, next: wait('agent', action.timeoutSeconds * 1000) };
    case 'auto_reply': {
      const sent = state.autoReplyCounts[action.id] ?? 0;
      if (sent >= action.maxPerInteraction) return { state, next: to() };
      effects.push({ type: 'send_message', actionId: action.id, text: interpolate(action.message, state.variables) });
      return { state: { ...state, autoReplyCounts: { ...state.autoReplyCounts, [action.id]: sent + 1 } }, next: to() };
    }
    case 'tag':
      effects.push({ type: 'add_tags', actionId: action.id, tags: [...action.tags] });
      return { state, next: to() };
    case 'close':
      effects.push({ type: 'close', actionId: action.id, disposition: action.disposition ?? null });
      return { state, next: { done: 'closed' } };
    case 'goto_if':
      return { state, next: evaluateConditions(action.conditions, action.match, state.variables) ? to(action.target) : to() };
    case 'goto': {
      if (action.maxTimes === undefined) return { state, next: to(action.target) };
      const taken = state.gotoCounts[action.id] ?? 0;
      if (taken >= action.maxTimes) return { state, next: to() };
      return { state: { ...state, gotoCounts: { ...state.gotoCounts, [action.id]: taken + 1 } }, next: to(action.target) };
    }
    case 'noop':
      effects.push({ type: 'log', actionId: action.id, level: 'info', message: action.log ?? 'noop' });
      return { state, next: to() };
    case 'voicemail':
      effects.push({ type: 'start_voicemail', actionId: action.id });
      return { state, next: { done: 'voicemail' } };
    case 'webhook':
      effects.push({
        type: 'call_webhook', actionId: action.id, url: action.url, method: action.method, timeoutMs: action.timeoutMs,
        variables: { ...state.variables },
      });
      return { state, next: wait('webhook', action.timeoutMs) };
    case 'working_hours':
      return { state, next: to(workingHoursBranch(action, now).target) };
    default:
      return assertNever(action, 'flow action');
  }
}

export type FlowResult = Exclude<FlowInput, { type: 'start' }>;

/** Continues after the result of the waiting action at `pc`; null when the action there is not of the result's kind. */
export function resumeAction(flow: FlowDefinition, pc: number, result: FlowResult, state: FlowState): Stepped | null {
  const action = flow.actions[pc]!;
  const to = (id?: string): Next => ({ goto: id === undefined ? pc + 1 : indexOfAction(flow, id) });
  switch (result.type) {
    case 'queue_result':
      if (action.type !== 'queue') return null;
      if (result.outcome === 'timeout') return { state, next: to(action.onTimeout) };
      return { state, next: { done: result.outcome } };
    case 'agent_result':
      if (action.type !== 'agent') return null;
      if (result.outcome === 'no_answer') return { state, next: to(action.onNoAnswer) };
      return { state, next: { done: result.outcome } };
    case 'webhook_result': {
      if (action.type !== 'webhook') return null;
      const variables = { ...state.variables, ...webhookVariables(action.saveAs, result) };
      return { state: { ...state, variables }, next: to(result.ok ? undefined : action.onError) };
    }
    default:
      return assertNever(result, 'flow result');
  }
}

/** A validated flow contains its targets; a missing one ends the run like falling off the end. */
function indexOfAction(flow: FlowDefinition, id: string): number {
  const index = flow.actions.findIndex((a) => a.id === id);
  return index === -1 ? flow.actions.length : index;
}
