import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../src/domain/errors.js';
import { ERRORS_DOC, renderErrorsDoc } from '../../../scripts/errors-doc.js';

describe('docs/errors.md', () => {
  const doc = fs.readFileSync(ERRORS_DOC, 'utf8');
  const documented = new Map(
    [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \| (.*) \|$/gm)].map((m) => [m[1]!, { status: Number(m[2]), description: m[3]!.replace(/\\\|/g, '|') }]),
  );

  it('documents every code of the catalogue with its HTTP status and meaning, and no other code', () => {
    const missing = Object.keys(errorCatalog).filter((c) => !documented.has(c));
    const extra = [...documented.keys()].filter((c) => !(c in errorCatalog));
    expect(missing, 'codes missing from docs/errors.md (run npx tsx scripts/errors-doc.ts)').toEqual([]);
    expect(extra, 'codes in docs/errors.md that the catalogue no longer has').toEqual([]);
    for (const [code, e] of Object.entries(errorCatalog)) expect(documented.get(code), code).toEqual({ status: e.status, description: e.description });
  });

  it('is exactly what the generator writes', () => {
    expect(doc).toBe(renderErrorsDoc());
  });

  it('the generator escapes table cells', () => {
    expect(renderErrorsDoc({ X: { status: 400, description: 'a | b' } })).toContain('| `X` | 400 | a \\| b |');
  });
});
