/**
 * The ringtone, made with Web Audio (no file to load): two soft tones, twice, every 3 s. The
 * AudioContext is created on the first user gesture (browsers keep sound locked before one).
 */
export function createRingtone() {
  let ctx: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<() => void>();

  const context = (): AudioContext | null => {
    if (ctx) return ctx;
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return null;
    ctx = new Ctor();
    ctx.onstatechange = () => listeners.forEach((l) => l());
    return ctx;
  };

  function ring(): void {
    const c = context();
    if (!c || c.state !== 'running') return;
    const start = c.currentTime + 0.02;
    for (const [i, freq] of [[0, 660], [1, 880], [2, 660], [3, 880]] as const) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.22 + (i >= 2 ? 0.35 : 0);
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(0.12, t0 + 0.02);
      gain.gain.linearRampToValueAtTime(0, t0 + 0.2);
      osc.connect(gain).connect(c.destination);
      osc.start(t0);
      osc.stop(t0 + 0.21);
    }
  }

  return {
    /** Call from a click or key press: unlocks sound for the rest of the session. */
    async unlock(): Promise<void> {
      const c = context();
      if (c && c.state === 'suspended') await c.resume().catch(() => {});
    },
    /** Creating the context tells whether the browser lets sound play without a click (kiosks, enterprise policy). */
    state(): 'running' | 'suspended' | 'unsupported' {
      const c = context();
      if (!c) return 'unsupported';
      return c.state === 'running' ? 'running' : 'suspended';
    },
    onStateChange(fn: () => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    start(): void {
      if (timer) return;
      ring();
      timer = setInterval(ring, 3_000);
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type Ringtone = ReturnType<typeof createRingtone>;
