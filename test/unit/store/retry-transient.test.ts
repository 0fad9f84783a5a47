import { describe, expect, it } from 'vitest';
import { retryTransient } from '../../../src/app/db-errors/retry-transient.js';

const pgError = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransient', () => {
  it('runs a deadlock or serialization loser again until it commits', async () => {
    let runs = 0;
    const result = await retryTransient(async () => {
      runs++;
      if (runs === 1) throw pgError('40P01');
      if (runs === 2) throw pgError('40001');
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(runs).toBe(3);
  });

  it('does not retry other errors, and gives up after the last attempt', async () => {
    let runs = 0;
    await expect(retryTransient(async () => { runs++; throw pgError('23505'); })).rejects.toThrow('23505');
    expect(runs).toBe(1);
    runs = 0;
    await expect(retryTransient(async () => { runs++; throw pgError('40P01'); }, 3)).rejects.toThrow('40P01');
    expect(runs).toBe(3);
  });
});
