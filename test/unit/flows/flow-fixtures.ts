import {
  flowDefinitionSchema, initialFlowState, runFlow, type FlowDefinition, type FlowDefinitionInput, type FlowInput, type FlowRun,
  type FlowState,
} from '../../../src/domain/flows/index.js';

export const now = new Date('2026-03-02T03:00:00.000Z');

export const flow = (actions: FlowDefinitionInput['actions'], maxSteps?: number): FlowDefinition =>
  flowDefinitionSchema.parse({ actions, ...(maxSteps === undefined ? {} : { maxSteps }) });

export const start = (f: FlowDefinition, at: Date = now, state: FlowState = initialFlowState(), variables = {}): FlowRun =>
  runFlow(f, state, { type: 'start', variables }, at);

export const feed = (f: FlowDefinition, run: FlowRun, input: FlowInput, at: Date = now): FlowRun => runFlow(f, run.state, input, at);
