/**
 * Tone detection over decoded PCM. `toneLevel` is the amplitude of frequency `f` as a fraction of full scale
 * (a full-scale sine gives about 1, silence 0); `dominantFrequency` sweeps the voice band for the strongest one.
 */
export function toneLevel(pcm: Int16Array, sampleRate: number, f: number): number {
  const n = pcm.length;
  if (n === 0) return 0;
  const k = Math.round((n * f) / sampleRate);
  const w = (2 * Math.PI * k) / n;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = pcm[i]! / 32768 + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(power, 0))) / n;
}

export function dominantFrequency(pcm: Int16Array, sampleRate: number, opts: { minHz?: number; maxHz?: number; stepHz?: number } = {}): { hz: number; level: number } {
  const { minHz = 100, maxHz = 4000, stepHz = 10 } = opts;
  let best = { hz: 0, level: 0 };
  for (let hz = minHz; hz <= maxHz; hz += stepHz) {
    const level = toneLevel(pcm, sampleRate, hz);
    if (level > best.level) best = { hz, level };
  }
  return best;
}

/** Root mean square of the PCM as a fraction of full scale. */
export function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += (pcm[i]! / 32768) ** 2;
  return Math.sqrt(sum / pcm.length);
}
