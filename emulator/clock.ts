/**
 * The emulator's clock and task runner. Every time-based rule (accept window, ring timeout, media
 * silence, permission expiry, webhook retries, chaos delays) is a timer on this clock.
 *
 * - `manual`: time stands still until `advance()` / `set()`; timers due on the way run in order,
 *   each one's follow-up work (webhook deliveries, further timers) settling before the next.
 * - `real`: time is the system clock plus an offset that `advance()` / `set()` move; timers fire
 *   through `setTimeout`.
 *
 * Work due "now" (a webhook to deliver) runs on the next tick in both modes; `flush()` resolves
 * once nothing is due or in flight.
 */
export type ClockMode = 'real' | 'manual';

export interface TimerHandle {
  readonly id: number;
  readonly at: number;
  readonly label: string;
}

export interface EmulatorClock {
  readonly mode: ClockMode;
  /** Milliseconds since the Unix epoch on the emulator's clock. */
  now(): number;
  advance(ms: number): Promise<void>;
  set(date: Date | number): Promise<void>;
  /** Runs `fn` once the clock reaches `at` (right away, on the next tick, if `at` has passed). */
  schedule(at: number, label: string, fn: () => void | Promise<void>): TimerHandle;
  cancel(handle: TimerHandle | undefined): void;
  /** Runs work that is not time-based but must be waited for by `flush()`. */
  track(work: Promise<unknown>): void;
  flush(): Promise<void>;
  pendingTimers(): { label: string; at: number }[];
  close(): void;
}

interface Timer extends TimerHandle {
  fn: () => void | Promise<void>;
  nativeTimer?: ReturnType<typeof setTimeout>;
}

export interface ClockOptions {
  mode: ClockMode;
  /** Start time for manual mode (default: the system time at creation). */
  start?: number;
  onError?: (error: unknown, label: string) => void;
}

export function createEmulatorClock(options: ClockOptions): EmulatorClock {
  const mode = options.mode;
  let manualNow = options.start ?? Date.now();
  let realOffset = options.start === undefined ? 0 : options.start - Date.now();
  let nextId = 1;
  let closed = false;
  const timers = new Map<number, Timer>();
  const inFlight = new Set<Promise<unknown>>();
  const onError = options.onError ?? ((error, label) => console.error(`emulator timer ${label} failed`, error));

  const now = (): number => (mode === 'manual' ? manualNow : Date.now() + realOffset);

  function track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) => onError(error, 'task'),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  }

  function run(timer: Timer): Promise<void> {
    timers.delete(timer.id);
    if (timer.nativeTimer) clearTimeout(timer.nativeTimer);
    const work = (async () => {
      try {
        await timer.fn();
      } catch (error) {
        onError(error, timer.label);
      }
    })();
    track(work);
    return work;
  }

  function arm(timer: Timer): void {
    if (closed) return;
    if (timer.nativeTimer) clearTimeout(timer.nativeTimer);
    const delay = timer.at - now();
    if (delay <= 0) {
      timer.nativeTimer = setTimeout(() => void run(timer), 0);
    } else if (mode === 'real') {
      // setTimeout caps at ~24.8 days; re-arm past that.
      const capped = Math.min(delay, 2 ** 31 - 1);
      timer.nativeTimer = setTimeout(() => (timer.at <= now() ? void run(timer) : arm(timer)), capped);
    } else {
      timer.nativeTimer = undefined;
    }
  }

  function schedule(at: number, label: string, fn: () => void | Promise<void>): TimerHandle {
    const timer: Timer = { id: nextId++, at, label, fn };
    if (closed) return timer;
    timers.set(timer.id, timer);
    arm(timer);
    return timer;
  }

  function cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = timers.get(handle.id);
    if (!timer) return;
    if (timer.nativeTimer) clearTimeout(timer.nativeTimer);
    timers.delete(handle.id);
  }

  async function drain(): Promise<void> {
    // Let immediately-due timers start and in-flight work settle, repeatedly, until quiet.
    for (let round = 0; round < 10_000; round++) {
      const due = [...timers.values()].filter((t) => t.at <= now()).sort((a, b) => a.at - b.at || a.id - b.id);
      for (const timer of due) void run(timer);
      if (inFlight.size === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (inFlight.size === 0 && ![...timers.values()].some((t) => t.at <= now())) return;
        continue;
      }
      await Promise.all([...inFlight]);
    }
  }

  async function moveTo(target: number): Promise<void> {
    await drain();
    for (;;) {
      const next = [...timers.values()]
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      if (next.at > now()) setNow(next.at);
      await run(next);
      await drain();
    }
    if (target > now()) setNow(target);
    for (const timer of timers.values()) arm(timer);
    await drain();
  }

  function setNow(value: number): void {
    if (mode === 'manual') manualNow = value;
    else realOffset = value - Date.now();
  }

  return {
    mode,
    now,
    schedule,
    cancel,
    track,
    async advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite ms >= 0');
      await moveTo(now() + ms);
    },
    async set(date: Date | number) {
      const target = typeof date === 'number' ? date : date.getTime();
      if (!Number.isFinite(target)) throw new RangeError('set(date) needs a valid date');
      if (target >= now()) {
        await moveTo(target);
      } else {
        // Going back in time: nothing fires; timers keep their absolute due times.
        setNow(target);
        for (const timer of timers.values()) arm(timer);
      }
    },
    flush: drain,
    pendingTimers: () => [...timers.values()].sort((a, b) => a.at - b.at).map((t) => ({ label: t.label, at: t.at })),
    close() {
      closed = true;
      for (const timer of timers.values()) if (timer.nativeTimer) clearTimeout(timer.nativeTimer);
      timers.clear();
    },
  };
}
