/** Samples (at 48 kHz) carried by one Opus packet, from its TOC byte (RFC 6716 §3.1); 0 when malformed. */
export function opusPacketSamples(packet: Buffer): number {
  return opusPacketSamplesAt(packet, 0, packet.length);
}

/** The same for an Opus packet at `buf[start..end)` (inside an RTP packet), without slicing it out. */
export function opusPacketSamplesAt(buf: Buffer, start: number, end: number): number {
  if (end - start < 1) return 0;
  const toc = buf[start]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code !== 3 ? 2 : end - start < 2 ? 0 : buf[start + 1]! & 0x3f;
  return frames * opusFrameSamples(toc);
}

export function opusFrameSamples(toc: number): number {
  const config = toc >> 3;
  if (config < 12) return [480, 960, 1920, 2880][config & 3]!;
  if (config < 16) return (config & 1) ? 960 : 480;
  return [120, 240, 480, 960][config & 3]!;
}

export function opusFrameCount(packet: Buffer): number {
  const code = packet[0]! & 3;
  if (code === 0) return 1;
  if (code === 1 || code === 2) return 2;
  return packet.length < 2 ? 0 : packet[1]! & 0x3f;
}

/** 20 ms of CELT fullband silence: the frame WebRTC stacks send when nothing is said. */
export const OPUS_SILENCE_20MS = Buffer.from([0xf8, 0xff, 0xfe]);
export const SAMPLES_PER_20MS = 960;
