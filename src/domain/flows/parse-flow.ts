import type { z } from 'zod';
import type { Result } from '../errors.js';
import { flowStructureSchema } from './flow-definition.js';
import { findUnconditionalLoop, jumpTargets } from './flow-graph.js';

/**
 * A routing flow as an admin saves it: well-formed actions, unique ids, every jump target exists, and no loop
 * made only of forced moves (put a `goto` with `maxTimes`, a condition or a waiting action in it).
 */
export const flowDefinitionSchema = flowStructureSchema.superRefine((flow, ctx) => {
  const ids = new Set<string>();
  flow.actions.forEach((action, i) => {
    if (ids.has(action.id)) ctx.addIssue({ code: 'custom', message: `duplicate action id "${action.id}"`, path: ['actions', i, 'id'] });
    ids.add(action.id);
  });
  flow.actions.forEach((action, i) => {
    for (const target of jumpTargets(action)) {
      if (!ids.has(target)) ctx.addIssue({ code: 'custom', message: `jump target "${target}" does not exist`, path: ['actions', i] });
    }
  });
  const loop = findUnconditionalLoop(flow.actions);
  if (loop !== null) {
    ctx.addIssue({ code: 'custom', message: `actions ${loop.join(' → ')} loop forever; add a condition, a wait or a goto maxTimes`, path: ['actions'] });
  }
});
export type FlowDefinition = z.output<typeof flowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

/** Validates a flow for saving; the refusal lists each problem with its path. */
export function parseFlow(input: unknown): Result<FlowDefinition, 'VALIDATION_FAILED'> {
  const parsed = flowDefinitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false, code: 'VALIDATION_FAILED', message: 'The routing flow is not valid.',
    details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
  };
}
