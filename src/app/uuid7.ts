import crypto from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds then randomness, so ids sort by creation
 * time and make stable pagination cursors.
 */
export function createUuid7Generator(clock: Clock): IdGenerator {
  return {
    next() {
      const bytes = crypto.randomBytes(16);
      const ms = BigInt(clock.now().getTime());
      for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
      bytes[6] = (bytes[6]! & 0x0f) | 0x70;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const h = bytes.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}
