import { readFile } from 'node:fs/promises';
import { AppError } from '../../domain/errors.js';
import { readOggOpus } from '../ogg/validate-ogg-opus.js';

export interface OpusClip {
  packets: Buffer[];
  durationMs: number;
}

/** Prompts and music are small; each worker keeps the packets of every file it played once. */
export function createOpusFileCache(maxFiles = 64): { load(file: string): Promise<OpusClip> } {
  const cache = new Map<string, Promise<OpusClip>>();
  return {
    load(file) {
      const hit = cache.get(file);
      if (hit) return hit;
      const p = (async () => {
        let buf: Buffer;
        try {
          buf = await readFile(file);
        } catch (e) {
          throw new AppError('MEDIA_FAILED', `cannot read audio file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
        }
        const r = readOggOpus(buf);
        if (!r.ok) throw new AppError('INVALID_AUDIO', `${file} is not valid Ogg/Opus: ${r.reason}`);
        return { packets: r.packets, durationMs: r.durationMs };
      })();
      cache.set(file, p);
      p.catch(() => cache.delete(file));
      if (cache.size > maxFiles) cache.delete(cache.keys().next().value!);
      return p;
    },
  };
}
