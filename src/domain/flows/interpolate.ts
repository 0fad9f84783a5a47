import type { FlowVariables } from './condition.js';

/** Replaces `{{name}}` with the variable's value (empty when unset). */
export function interpolate(template: string, variables: FlowVariables): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, name: string) => {
    const value = variables[name];
    return value === undefined || value === null ? '' : String(value);
  });
}
