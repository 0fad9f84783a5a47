import { createOpusCodec, createOpusDecoder, FRAME_SAMPLES_20MS } from './opus-codec.js';

/**
 * Mixes the agent and a barging supervisor for the caller, whose leg has one track: both are decoded, summed
 * every 20 ms and encoded again. Only barge pays for this; everything else is forwarded.
 */
export class BargeMixer {
  private readonly codec = createOpusCodec();
  private readonly decoders = new Map<string, ReturnType<typeof createOpusDecoder>>();
  private readonly latest = new Map<string, Int16Array[]>();

  push(party: string, opusPayload: Buffer): void {
    let dec = this.decoders.get(party);
    if (!dec) {
      dec = createOpusDecoder();
      this.decoders.set(party, dec);
    }
    let pcm: Int16Array;
    try {
      pcm = dec.decode(opusPayload);
    } catch {
      return;
    }
    const q = this.latest.get(party) ?? [];
    q.push(pcm);
    // Keep at most ~60 ms per party: mixing must not add delay when one side sends faster.
    while (q.length > 3) q.shift();
    this.latest.set(party, q);
  }

  /** One mixed 20 ms Opus frame, or null when nobody spoke since the last frame. */
  mixFrame(): Buffer | null {
    const mix = new Int32Array(FRAME_SAMPLES_20MS);
    let any = false;
    for (const q of this.latest.values()) {
      const pcm = q.shift();
      if (!pcm) continue;
      any = true;
      const n = Math.min(pcm.length, FRAME_SAMPLES_20MS);
      for (let i = 0; i < n; i++) mix[i]! += pcm[i]!;
    }
    if (!any) return null;
    const out = new Int16Array(FRAME_SAMPLES_20MS);
    for (let i = 0; i < out.length; i++) out[i] = Math.max(-32768, Math.min(32767, mix[i]!));
    return this.codec.encode(out);
  }

  removeParty(party: string): void {
    this.decoders.get(party)?.close();
    this.decoders.delete(party);
    this.latest.delete(party);
  }

  close(): void {
    for (const d of this.decoders.values()) d.close();
    this.decoders.clear();
    this.codec.close();
  }
}
