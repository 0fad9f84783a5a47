/**
 * Routing flows (SPEC §8): an ordered list of actions per channel, run per interaction by a pure interpreter.
 *
 * - Saving: `parseFlow(json)` / `flowDefinitionSchema` (zod): well-formed actions, unique ids, existing jump
 *   targets, no loop made only of forced moves (a `goto` with `maxTimes` is a loop with a step limit).
 * - Running: `runFlow(flow, state, input, now)` → `{ state, effects, waitingFor? }`. Start with
 *   `initialFlowState()` and `{ type: 'start' }`; perform the effects (enqueue, offer_to_agent, send_message,
 *   add_tags, close, log, start_voicemail, call_webhook); when `waitingFor` is set, feed back the result
 *   (`queue_result`, `agent_result`, `webhook_result`), or a timeout result at `waitingFor.timeoutAt`.
 *   Each run stops after `flow.maxSteps` actions (outcome `step_limit`).
 * - Working hours are judged on the wall clock of the action's IANA time zone (`workingHoursBranch`).
 */
export { comparisonOperators, evaluateConditions, type Comparison, type FlowValue, type FlowVariables } from './condition.js';
export { flowActionSchema, type FlowAction, type FlowActionType } from './flow-definition.js';
export {
  initialFlowState, type FlowEffect, type FlowInput, type FlowOutcome, type FlowRun, type FlowState, type WaitingFor, type WaitKind,
} from './flow-state.js';
export { flowDefinitionSchema, parseFlow, type FlowDefinition, type FlowDefinitionInput } from './parse-flow.js';
export { FLOW_STEP_CEILING, runFlow } from './run-flow.js';
export { workingHoursBranch, type WorkingHoursBranch } from './working-hours-branch.js';
export { localTime, weekdays, type LocalTime, type Weekday } from './working-hours.js';
