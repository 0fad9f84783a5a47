import { createRequire } from 'node:module';
import type OpusScriptType from 'opusscript';

// opusscript is CommonJS (libopus compiled to WebAssembly).
const OpusScript = createRequire(import.meta.url)('opusscript') as typeof OpusScriptType;

export const FRAME_SAMPLES_20MS = 960;

/** A mono 48 kHz Opus encoder/decoder pair; free it with `close()`. */
export interface OpusCodec {
  encode(pcm: Int16Array): Buffer;
  decode(packet: Buffer): Int16Array;
  close(): void;
}

export function createOpusCodec(): OpusCodec {
  const enc = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  const dec = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  return {
    encode(pcm) {
      return Buffer.from(enc.encode(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength), pcm.length));
    },
    decode(packet) {
      const out = dec.decode(packet);
      return new Int16Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
    },
    close() {
      enc.delete();
      dec.delete();
    },
  };
}

/** Just a decoder (one per incoming stream: Opus decoders keep state). */
export function createOpusDecoder(): { decode(packet: Buffer): Int16Array; close(): void } {
  const dec = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  return {
    decode(packet) {
      const out = dec.decode(packet);
      return new Int16Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
    },
    close: () => dec.delete(),
  };
}
