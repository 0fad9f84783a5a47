/** Writes Opus packets into a minimal Ogg/Opus file (RFC 7845), for tests of the file audio source. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

function crc(data: Buffer): number {
  let c = 0;
  for (const b of data) c = ((c << 8) ^ CRC_TABLE[((c >>> 24) ^ b) & 0xff]!) >>> 0;
  return c;
}

function page(packets: Buffer[], flags: number, granule: bigint, seq: number): Buffer {
  const segments: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      segments.push(255);
      n -= 255;
    }
    segments.push(n);
  }
  const header = Buffer.alloc(27 + segments.length);
  header.write('OggS', 0, 'latin1');
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x5eed, 14);
  header.writeUInt32LE(seq, 18);
  header[26] = segments.length;
  segments.forEach((s, i) => (header[27 + i] = s));
  const out = Buffer.concat([header, ...packets]);
  out.writeUInt32LE(crc(out), 22);
  return out;
}

export function writeOggOpus(packets: Buffer[], samplesPerPacket = 960): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(48_000, 12);
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), Buffer.from([4, 0, 0, 0]), Buffer.from('test'), Buffer.alloc(4)]);
  const pages = [page([head], 0x02, 0n, 0), page([tags], 0, 0n, 1)];
  for (let i = 0, seq = 2; i < packets.length; i += 50, seq++) {
    const chunk = packets.slice(i, i + 50);
    const last = i + 50 >= packets.length;
    pages.push(page(chunk, last ? 0x04 : 0, BigInt((i + chunk.length) * samplesPerPacket), seq));
  }
  return Buffer.concat(pages);
}
