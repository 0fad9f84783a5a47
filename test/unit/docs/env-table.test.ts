import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envTable, readmeTable } from '../../../scripts/env-table.js';

describe('README', () => {
  it('lists every environment variable of src/config.ts with its default', () => {
    expect(readmeTable(fs.readFileSync('README.md', 'utf8'))).toBe(envTable());
  });
});
