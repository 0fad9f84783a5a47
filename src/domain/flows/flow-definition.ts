import { z } from 'zod';
import { queueStrategies } from '../routing/index.js';
import { comparisonSchema } from './condition.js';
import { timeZoneSchema, workingIntervalSchema } from './working-hours.js';

export const actionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)');
const seconds = (max: number, def: number) => z.number().int().min(1).max(max).default(def);
const base = { id: actionIdSchema, label: z.string().max(200).optional() };
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Each action of a routing flow (SPEC §8). Targets name another action's id; without one, the next action follows. */
export const flowActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base, type: z.literal('queue'), agentGroupId: z.string().min(1), strategy: z.enum(queueStrategies).default('ring_all'),
    maxWaitSeconds: seconds(3600, 120), onTimeout: actionIdSchema.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('agent'), agentId: z.string().min(1), timeoutSeconds: seconds(600, 30), onNoAnswer: actionIdSchema.optional() }),
  z.strictObject({ ...base, type: z.literal('auto_reply'), message: z.string().min(1).max(4096), maxPerInteraction: z.number().int().min(1).max(100).default(1) }),
  z.strictObject({ ...base, type: z.literal('tag'), tags: z.array(z.string().min(1).max(100)).min(1).max(50) }),
  z.strictObject({ ...base, type: z.literal('close'), disposition: z.string().min(1).max(100).optional() }),
  z.strictObject({
    ...base, type: z.literal('goto_if'), match: z.enum(['all', 'any']).default('all'), conditions: z.array(comparisonSchema).min(1).max(50),
    target: actionIdSchema,
  }),
  /** `maxTimes`: jump at most this many times per interaction, then continue with the next action (a loop with a step limit). */
  z.strictObject({ ...base, type: z.literal('goto'), target: actionIdSchema, maxTimes: z.number().int().min(1).max(1000).optional() }),
  z.strictObject({ ...base, type: z.literal('noop'), log: z.string().max(1000).optional() }),
  z.strictObject({ ...base, type: z.literal('voicemail') }),
  z.strictObject({
    ...base, type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }), method: z.enum(['POST', 'GET']).default('POST'),
    timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
    /** Result variables are named `<saveAs>.ok`, `<saveAs>.status` and `<saveAs>.<field>`. */
    saveAs: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/).default('webhook'), onError: actionIdSchema.optional(),
  }),
  z.strictObject({
    ...base, type: z.literal('working_hours'), timeZone: timeZoneSchema,
    intervals: z.array(workingIntervalSchema).max(50),
    holidays: z.array(isoDate).max(400).default([]),
    closedTarget: actionIdSchema, holidayTarget: actionIdSchema.optional(),
  }),
]);
export type FlowAction = z.output<typeof flowActionSchema>;
export type FlowActionType = FlowAction['type'];

export const flowStructureSchema = z.strictObject({
  /** Actions run per interaction before the interpreter stops (guards loops that only conditions end). */
  maxSteps: z.number().int().min(1).max(1000).default(100),
  actions: z.array(flowActionSchema).min(1).max(500),
});
