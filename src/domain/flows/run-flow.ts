import { assertNever } from '../assert-never.js';
import type { FlowEffect, FlowInput, FlowOutcome, FlowRun, FlowState, WaitingFor } from './flow-state.js';
import { resumeAction, stepAction, type FlowResult, type Stepped } from './flow-step.js';
import type { FlowDefinition } from './parse-flow.js';

/** Hard ceiling on actions per run, whatever the flow says. */
export const FLOW_STEP_CEILING = 1000;

/**
 * Runs a flow from `state` with one input until it waits for a result, finishes, or reaches its step limit.
 * Pure: the effects are for the app to perform, and results come back as later inputs. A result for an action
 * the flow is not waiting for (stale or duplicate), or a `start` while waiting, is ignored.
 */
export function runFlow(flow: FlowDefinition, state: FlowState, input: FlowInput, now: Date): FlowRun {
  const effects: FlowEffect[] = [];
  let first: Stepped;

  if (input.type === 'start') {
    if (state.status === 'waiting') return { state, effects, ignored: true };
    first = {
      state: { ...state, status: 'idle', waitingFor: null, outcome: null, variables: { ...state.variables, ...input.variables } },
      next: { goto: 0 },
    };
  } else {
    const waiting = state.waitingFor;
    if (state.status !== 'waiting' || waiting === null || waiting.actionId !== input.actionId || waiting.kind !== kindOf(input)) {
      return { state, effects, ignored: true };
    }
    const released: FlowState = { ...state, status: 'idle', waitingFor: null };
    const pc = flow.actions.findIndex((a) => a.id === waiting.actionId);
    const resumed = pc === -1 ? null : resumeAction(flow, pc, input, released);
    if (resumed === null) {
      effects.push({ type: 'log', actionId: waiting.actionId, level: 'warn', message: 'The flow was changed while waiting: that action is gone.' });
      return settle(released, effects, { done: 'ended' });
    }
    first = resumed;
  }

  const limit = Math.min(flow.maxSteps, FLOW_STEP_CEILING);
  let current = first;
  for (let steps = 0; 'goto' in current.next; steps++) {
    const pc = current.next.goto;
    if (pc >= flow.actions.length) return settle(current.state, effects, { done: 'ended' });
    if (steps >= limit) {
      effects.push({ type: 'log', actionId: flow.actions[pc]!.id, level: 'warn', message: `Stopped after ${limit} steps: the flow seems to loop.` });
      return settle(current.state, effects, { done: 'step_limit' });
    }
    current = stepAction(flow, pc, current.state, now, effects);
  }
  return settle(current.state, effects, current.next);
}

function settle(state: FlowState, effects: FlowEffect[], next: { wait: WaitingFor } | { done: FlowOutcome }): FlowRun {
  if ('wait' in next) return { state: { ...state, status: 'waiting', waitingFor: next.wait, outcome: null }, effects, waitingFor: next.wait };
  return { state: { ...state, status: 'done', waitingFor: null, outcome: next.done }, effects };
}

function kindOf(input: FlowResult): WaitingFor['kind'] {
  switch (input.type) {
    case 'queue_result':
      return 'queue';
    case 'agent_result':
      return 'agent';
    case 'webhook_result':
      return 'webhook';
    default:
      return assertNever(input, 'flow input');
  }
}
