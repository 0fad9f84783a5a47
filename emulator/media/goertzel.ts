/** Tone measurement on decoded PCM with the Goertzel algorithm. */

/** Amplitude of `freq` in the samples, as a fraction of full scale (a full-scale sine gives ~1). */
export function toneLevel(samples: Int16Array, sampleRate: number, freq: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const k = (2 * Math.PI * freq) / sampleRate;
  const coeff = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / n / 32768;
}

/** The frequency (Hz) with the strongest level between 50 Hz and 4 kHz, or null for silence. */
export function dominantFrequency(samples: Int16Array, sampleRate: number, minLevel = 0.002): number | null {
  if (samples.length === 0) return null;
  // Coarse scan on a decimated copy (the band of interest is far below Nyquist), then refine.
  const factor = sampleRate >= 32_000 ? 4 : 1;
  const decimated = new Int16Array(Math.floor(samples.length / factor));
  for (let i = 0; i < decimated.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += samples[i * factor + j]!;
    decimated[i] = Math.round(sum / factor);
  }
  const rate = sampleRate / factor;
  let best = 0;
  let bestLevel = 0;
  for (let f = 50; f <= 4_000; f += 10) {
    const level = toneLevel(decimated, rate, f);
    if (level > bestLevel) {
      bestLevel = level;
      best = f;
    }
  }
  if (bestLevel < minLevel) return null;
  for (let f = best - 10; f <= best + 10; f += 1) {
    const level = toneLevel(samples, sampleRate, f);
    if (level >= bestLevel) {
      bestLevel = level;
      best = f;
    }
  }
  return best;
}
