/** OpusHead / OpusTags identification packets (RFC 7845 §5). */
export interface OpusHead {
  channels: number;
  preSkip: number;
  inputSampleRate: number;
  mappingFamily: number;
  streams: number;
  coupled: number;
}

export function parseOpusHead(pkt: Buffer): OpusHead | { error: string } {
  if (pkt.length < 19 || pkt.toString('latin1', 0, 8) !== 'OpusHead') return { error: 'first packet is not OpusHead' };
  if ((pkt[8]! & 0xf0) !== 0) return { error: `unsupported OpusHead version ${pkt[8]}` };
  const channels = pkt[9]!;
  if (channels === 0) return { error: 'OpusHead has zero channels' };
  const mappingFamily = pkt[18]!;
  let streams = 1;
  let coupled = channels === 2 ? 1 : 0;
  if (mappingFamily === 0) {
    if (channels > 2) return { error: 'mapping family 0 allows at most 2 channels' };
  } else {
    if (pkt.length < 21 + channels) return { error: 'OpusHead channel mapping table is truncated' };
    streams = pkt[19]!;
    coupled = pkt[20]!;
    if (streams === 0 || coupled > streams) return { error: 'OpusHead stream counts are invalid' };
  }
  return { channels, preSkip: pkt.readUInt16LE(10), inputSampleRate: pkt.readUInt32LE(12), mappingFamily, streams, coupled };
}

export function buildOpusHead(h: { channels: number; preSkip?: number; mapping?: { streams: number; coupled: number; table: number[] } }): Buffer {
  const family = h.mapping ? 1 : 0;
  const buf = Buffer.alloc(19 + (h.mapping ? 2 + h.mapping.table.length : 0));
  buf.write('OpusHead', 0, 'latin1');
  buf[8] = 1;
  buf[9] = h.channels;
  buf.writeUInt16LE(h.preSkip ?? 0, 10);
  buf.writeUInt32LE(48000, 12);
  buf.writeInt16LE(0, 16);
  buf[18] = family;
  if (h.mapping) {
    buf[19] = h.mapping.streams;
    buf[20] = h.mapping.coupled;
    Buffer.from(h.mapping.table).copy(buf, 21);
  }
  return buf;
}

export function buildOpusTags(vendor: string): Buffer {
  const v = Buffer.from(vendor, 'utf8');
  const buf = Buffer.alloc(8 + 4 + v.length + 4);
  buf.write('OpusTags', 0, 'latin1');
  buf.writeUInt32LE(v.length, 8);
  v.copy(buf, 12);
  buf.writeUInt32LE(0, 12 + v.length);
  return buf;
}
