/**
 * A minimal Ogg demuxer for Ogg/Opus files (RFC 7845): returns the audio packets, skipping the
 * OpusHead and OpusTags header packets. Enough to loop a recorded prompt into a call.
 */
export function readOggOpusPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  let offset = 0;
  while (offset + 27 <= file.length) {
    if (file.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`Not an Ogg page at byte ${offset}`);
    const segments = file[offset + 26]!;
    const table = file.subarray(offset + 27, offset + 27 + segments);
    let dataOffset = offset + 27 + segments;
    for (const size of table) {
      partial.push(file.subarray(dataOffset, dataOffset + size));
      dataOffset += size;
      if (size < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    offset = dataOffset;
  }
  return packets.filter((p) => {
    const magic = p.toString('latin1', 0, 8);
    return magic !== 'OpusHead' && magic !== 'OpusTags';
  });
}

/** Samples (at 48 kHz) carried by one Opus packet, from its TOC byte (RFC 6716 §3.1). */
export function opusPacketSamples(packet: Buffer): number {
  if (packet.length === 0) return 0;
  const toc = packet[0]!;
  const config = toc >> 3;
  let frameMs: number;
  if (config < 12) frameMs = [10, 20, 40, 60][config % 4]!;
  else if (config < 16) frameMs = [10, 20][config % 2]!;
  else frameMs = [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return Math.round(frameMs * 48 * frames);
}
