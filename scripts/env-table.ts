/**
 * Prints the README's table of environment variables from `src/config.ts` (the one source).
 *   npx tsx scripts/env-table.ts           print it
 *   npx tsx scripts/env-table.ts --check   exit 1 when README.md's table differs
 */
import fs from 'node:fs';
import type { z } from 'zod';
import { envSpec } from '../src/config.js';

export function envTable(): string {
  const rows = Object.entries(envSpec).map(([name, spec]) => {
    const parsed = (spec.schema as z.ZodType).safeParse(undefined);
    const def = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '—';
    const secret = 'secret' in spec && spec.secret ? ' (secret)' : '';
    return `| \`${name}\` | ${def} | ${spec.doc}${secret} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export const BEGIN = '<!-- env-table:begin -->';
export const END = '<!-- env-table:end -->';

export function readmeTable(readme: string): string | null {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  return a >= 0 && b > a ? readme.slice(a + BEGIN.length, b).trim() : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const current = readmeTable(fs.readFileSync('README.md', 'utf8'));
    if (current !== envTable()) {
      console.error('README.md environment table is out of date: run npx tsx scripts/env-table.ts and paste it between the markers');
      process.exit(1);
    }
  } else {
    console.log(envTable());
  }
}
