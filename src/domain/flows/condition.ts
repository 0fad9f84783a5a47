import { z } from 'zod';
import { assertNever } from '../assert-never.js';

export type FlowValue = string | number | boolean | null;
export type FlowVariables = Record<string, FlowValue>;

export const comparisonOperators = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with', 'in', 'exists', 'not_exists'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const comparisonSchema = z.strictObject({
  variable: z.string().min(1).max(200),
  op: z.enum(comparisonOperators),
  value: z.union([scalar, z.array(scalar).max(200)]).optional(),
}).refine((c) => c.op === 'exists' || c.op === 'not_exists' || c.value !== undefined, { message: 'this operator needs a value', path: ['value'] })
  .refine((c) => (c.op === 'in') === Array.isArray(c.value) || c.value === undefined, { message: '`in` takes a list; other operators a single value', path: ['value'] });
export type Comparison = z.infer<typeof comparisonSchema>;

/** True when `all` (or `any`) of the comparisons hold over the interaction's variables. */
export function evaluateConditions(comparisons: readonly Comparison[], match: 'all' | 'any', variables: FlowVariables): boolean {
  return match === 'all' ? comparisons.every((c) => evaluate(c, variables)) : comparisons.some((c) => evaluate(c, variables));
}

function evaluate(c: Comparison, variables: FlowVariables): boolean {
  const actual = variables[c.variable];
  const present = actual !== undefined && actual !== null && actual !== '';
  switch (c.op) {
    case 'exists':
      return present;
    case 'not_exists':
      return !present;
    case 'eq':
      return actual !== undefined && actual !== null && same(actual, c.value as FlowValue);
    case 'neq':
      return !(actual !== undefined && actual !== null && same(actual, c.value as FlowValue));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return present && order(actual, c.value as FlowValue, c.op);
    case 'contains':
      return present && String(actual).toLowerCase().includes(String(c.value).toLowerCase());
    case 'starts_with':
      return present && String(actual).toLowerCase().startsWith(String(c.value).toLowerCase());
    case 'in':
      return present && (c.value as FlowValue[]).some((v) => same(actual, v));
    default:
      return assertNever(c.op, 'comparison operator');
  }
}

/** Equal as numbers when both read as numbers, else as strings ("10" eq 10, "true" eq true). */
function same(a: FlowValue, b: FlowValue): boolean {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x !== null && y !== null) return x === y;
  return String(a) === String(b);
}

function order(a: FlowValue, b: FlowValue, op: 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  const [x, y] = [asNumber(a), asNumber(b)];
  const cmp = x !== null && y !== null ? x - y : String(a).localeCompare(String(b));
  return op === 'gt' ? cmp > 0 : op === 'gte' ? cmp >= 0 : op === 'lt' ? cmp < 0 : cmp <= 0;
}

function asNumber(v: FlowValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}
