import type { FlowValue, FlowVariables } from './condition.js';

const MAX_FIELDS = 100;
const MAX_DEPTH = 3;
const MAX_STRING = 1000;

/** A webhook's answer as flat variables: `<prefix>.ok`, `<prefix>.status`, and `<prefix>.<path>` for scalar fields. */
export function webhookVariables(prefix: string, result: { ok: boolean; status: number | null; data?: unknown }): FlowVariables {
  const out: FlowVariables = { [`${prefix}.ok`]: result.ok, [`${prefix}.status`]: result.status };
  let count = 0;
  const walk = (value: unknown, path: string, depth: number): void => {
    if (count >= MAX_FIELDS) return;
    if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      out[path] = value as FlowValue;
      count++;
    } else if (typeof value === 'string') {
      out[path] = value.slice(0, MAX_STRING);
      count++;
    } else if (typeof value === 'object' && depth < MAX_DEPTH && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`, depth + 1);
    }
  };
  if (result.data !== null && typeof result.data === 'object' && !Array.isArray(result.data)) {
    for (const [key, inner] of Object.entries(result.data)) walk(inner, `${prefix}.${key}`, 1);
  }
  return out;
}
