import { createOpusCodec, FRAME_SAMPLES_20MS } from '../audio/opus-codec.js';

const cache = new Map<string, Buffer[]>();

/** PCM of a sine: `ms` milliseconds at 48 kHz, amplitude 0..1 of full scale. */
export function sinePcm(freqHz: number, ms: number, amplitude = 0.3, sampleRate = 48000): Int16Array {
  const n = Math.round((sampleRate * ms) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(Math.sin((2 * Math.PI * freqHz * i) / sampleRate) * amplitude * 32767);
  return out;
}

/**
 * One second of 20 ms Opus frames of a sine at `freqHz` (an integer frequency loops seamlessly). Encoded once
 * per frequency and amplitude, then reused: a tone source costs nothing per packet.
 */
export function toneFrames(freqHz: number, amplitude = 0.3): Buffer[] {
  const key = `${freqHz}/${amplitude}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const codec = createOpusCodec();
  const pcm = sinePcm(freqHz, 1000, amplitude);
  const frames: Buffer[] = [];
  for (let off = 0; off < pcm.length; off += FRAME_SAMPLES_20MS) frames.push(codec.encode(pcm.subarray(off, off + FRAME_SAMPLES_20MS)));
  codec.close();
  cache.set(key, frames);
  return frames;
}

/** An endless tone source: `next()` returns the next 20 ms Opus frame. */
export function createToneSource(freqHz: number, amplitude = 0.3): { next(): Buffer } {
  const frames = toneFrames(freqHz, amplitude);
  let i = 0;
  return { next: () => frames[i++ % frames.length]! };
}
