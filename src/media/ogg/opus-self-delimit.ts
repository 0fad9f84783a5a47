/**
 * Converts an Opus packet to self-delimiting framing (RFC 6716 Appendix B), as required for every stream but the
 * last inside an Ogg Opus multistream packet (RFC 7845 §5.1.1). Returns null when the packet is malformed.
 */
export function toSelfDelimited(pkt: Buffer): Buffer | null {
  if (pkt.length < 1) return null;
  const code = pkt[0]! & 3;
  if (code === 0) return concat(pkt.subarray(0, 1), encodeLen(pkt.length - 1), pkt.subarray(1));
  if (code === 1) {
    if ((pkt.length - 1) % 2) return null;
    return concat(pkt.subarray(0, 1), encodeLen((pkt.length - 1) / 2), pkt.subarray(1));
  }
  if (code === 2) {
    const l1 = readLen(pkt, 1);
    if (!l1) return null;
    const dataStart = 1 + l1.bytes;
    const n2 = pkt.length - dataStart - l1.len;
    if (n2 < 0) return null;
    return concat(pkt.subarray(0, dataStart), encodeLen(n2), pkt.subarray(dataStart));
  }
  // code 3: frame count byte, optional padding length, VBR lengths; one more length goes after them.
  if (pkt.length < 2) return null;
  const countByte = pkt[1]!;
  const vbr = (countByte & 0x80) !== 0;
  const padded = (countByte & 0x40) !== 0;
  const m = countByte & 0x3f;
  if (m === 0) return null;
  let off = 2;
  let padding = 0;
  if (padded) {
    for (;;) {
      if (off >= pkt.length) return null;
      const p = pkt[off++]!;
      padding += p === 255 ? 254 : p;
      if (p !== 255) break;
    }
  }
  const dataEnd = pkt.length - padding;
  let lengthsEnd = off;
  let known = 0;
  if (vbr) {
    for (let i = 0; i < m - 1; i++) {
      const l = readLen(pkt, lengthsEnd);
      if (!l) return null;
      lengthsEnd += l.bytes;
      known += l.len;
    }
  }
  const dataLen = dataEnd - lengthsEnd;
  if (dataLen < known) return null;
  let extra: number;
  if (vbr) extra = dataLen - known;
  else {
    if (dataLen % m) return null;
    extra = dataLen / m;
  }
  return concat(pkt.subarray(0, lengthsEnd), encodeLen(extra), pkt.subarray(lengthsEnd));
}

function encodeLen(n: number): Buffer {
  if (n < 252) return Buffer.from([n]);
  const first = 252 + ((n - 252) & 3);
  return Buffer.from([first, (n - first) >> 2]);
}

function readLen(pkt: Buffer, off: number): { len: number; bytes: number } | null {
  if (off >= pkt.length) return null;
  const b0 = pkt[off]!;
  if (b0 < 252) return { len: b0, bytes: 1 };
  if (off + 1 >= pkt.length) return null;
  return { len: b0 + pkt[off + 1]! * 4, bytes: 2 };
}

const concat = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
