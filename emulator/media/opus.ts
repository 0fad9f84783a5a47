import OpusScript from 'opusscript';

/** Opus at 48 kHz mono, 20 ms frames (960 samples), through the opusscript WASM build. */
export const SAMPLE_RATE = 48_000;
export const FRAME_SAMPLES = 960;
export const FRAME_MS = 20;

export interface OpusDecoder {
  /** Decodes one packet to 16-bit PCM samples; undefined when the packet is not valid Opus. */
  decode(packet: Buffer): Int16Array | undefined;
  close(): void;
}

export function createOpusDecoder(): OpusDecoder {
  const decoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  let closed = false;
  return {
    decode(packet) {
      if (closed || packet.length === 0) return undefined;
      try {
        const pcm = decoder.decode(packet);
        return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
      } catch {
        return undefined;
      }
    },
    close() {
      if (!closed) decoder.delete();
      closed = true;
    },
  };
}

/** Encodes whole 20 ms frames of PCM into Opus packets (used once per source; the packets are then looped). */
export function encodeFrames(pcm: Int16Array): Buffer[] {
  const encoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  try {
    encoder.setBitrate(32_000);
    const packets: Buffer[] = [];
    for (let offset = 0; offset + FRAME_SAMPLES <= pcm.length; offset += FRAME_SAMPLES) {
      const frame = Buffer.from(pcm.buffer, pcm.byteOffset + offset * 2, FRAME_SAMPLES * 2);
      packets.push(Buffer.from(encoder.encode(frame, FRAME_SAMPLES)));
    }
    return packets;
  } finally {
    encoder.delete();
  }
}
