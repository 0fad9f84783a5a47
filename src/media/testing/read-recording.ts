import { readFile } from 'node:fs/promises';
import { createOpusDecoder } from '../audio/opus-codec.js';
import { readOggOpus } from '../ogg/validate-ogg-opus.js';

/** Length of a self-delimited Opus packet at the start of `buf` (code 0, 1 and 2 packets). */
function selfDelimitedLength(buf: Buffer): number {
  const code = buf[0]! & 3;
  const readLen = (off: number) => (buf[off]! < 252 ? { len: buf[off]!, bytes: 1 } : { len: buf[off]! + buf[off + 1]! * 4, bytes: 2 });
  if (code === 0) {
    const l = readLen(1);
    return 1 + l.bytes + l.len;
  }
  if (code === 1) {
    const l = readLen(1);
    return 1 + l.bytes + 2 * l.len;
  }
  if (code === 2) {
    const l1 = readLen(1);
    const l2 = readLen(1 + l1.bytes);
    return 1 + l1.bytes + l2.bytes + l1.len + l2.len;
  }
  throw new Error('code 3 packets are not expected in recordings');
}

/** Un-delimits: the plain Opus packet equivalent of a code 0/1/2 self-delimited packet. */
function undelimit(buf: Buffer): Buffer {
  const code = buf[0]! & 3;
  const lenBytes = buf[1]! < 252 ? 1 : 2;
  if (code === 0 || code === 1) return Buffer.concat([buf.subarray(0, 1), buf.subarray(1 + lenBytes)]);
  const l1Bytes = lenBytes;
  const l2Bytes = buf[1 + l1Bytes]! < 252 ? 1 : 2;
  return Buffer.concat([buf.subarray(0, 1 + l1Bytes), buf.subarray(1 + l1Bytes + l2Bytes)]);
}

/** Decodes a recording: mono files give `left` only; two-stream stereo files give both channels. */
export async function readRecording(file: string): Promise<{ channels: number; left: Int16Array; right: Int16Array; durationMs: number }> {
  const r = readOggOpus(await readFile(file));
  if (!r.ok) throw new Error(`recording ${file} is invalid: ${r.reason}`);
  const stereo = r.head.streams === 2;
  const decL = createOpusDecoder();
  const decR = createOpusDecoder();
  const left: Int16Array[] = [];
  const right: Int16Array[] = [];
  for (const pkt of r.packets) {
    if (!stereo) {
      left.push(decL.decode(pkt));
      continue;
    }
    const n = selfDelimitedLength(pkt);
    left.push(decL.decode(undelimit(pkt.subarray(0, n))));
    right.push(decR.decode(pkt.subarray(n)));
  }
  decL.close();
  decR.close();
  const join = (parts: Int16Array[]) => {
    const out = new Int16Array(parts.reduce((a, p) => a + p.length, 0));
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  };
  return { channels: r.head.channels, left: join(left), right: join(right), durationMs: r.durationMs };
}
