import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatorClock, type EmulatorClock } from '../clock.js';
import { createEmulator, type Emulator } from '../server.js';

let clock: EmulatorClock | undefined;
let emu: Emulator | undefined;
afterEach(async () => {
  clock?.close();
  await emu?.close();
  clock = undefined;
  emu = undefined;
});

describe('emulator clock', () => {
  it('manual: nothing fires until advance; timers run in time order at their own time', async () => {
    clock = createEmulatorClock({ mode: 'manual', start: 1_000_000 });
    const seen: [string, number][] = [];
    clock.schedule(1_000_000 + 5_000, 'b', () => void seen.push(['b', clock!.now()]));
    clock.schedule(1_000_000 + 2_000, 'a', () => {
      seen.push(['a', clock!.now()]);
      clock!.schedule(clock!.now() + 1_000, 'a2', () => void seen.push(['a2', clock!.now()]));
    });
    const cancelled = clock.schedule(1_000_000 + 3_000, 'x', () => void seen.push(['x', 0]));
    clock.cancel(cancelled);
    await clock.flush();
    expect(seen).toEqual([]);
    await clock.advance(4_999);
    expect(seen).toEqual([
      ['a', 1_002_000],
      ['a2', 1_003_000],
    ]);
    expect(clock.now()).toBe(1_004_999);
    await clock.advance(1);
    expect(seen.at(-1)).toEqual(['b', 1_005_000]);
    expect(clock.pendingTimers()).toEqual([]);
  });

  it('manual: work due now runs on flush; set() jumps forward firing timers, backwards firing none', async () => {
    clock = createEmulatorClock({ mode: 'manual', start: 0 });
    let ran = 0;
    clock.schedule(0, 'now', () => void ran++);
    await clock.flush();
    expect(ran).toBe(1);
    clock.schedule(10_000, 'later', () => void ran++);
    await clock.set(5_000);
    expect(ran).toBe(1);
    await clock.set(10_000);
    expect(ran).toBe(2);
    await clock.set(0);
    expect(clock.now()).toBe(0);
  });

  it('real: timers fire in real time, and advance() moves time forward and fires what is due', async () => {
    clock = createEmulatorClock({ mode: 'real' });
    const fired = new Promise<number>((resolve) => clock!.schedule(clock!.now() + 30, 'soon', () => resolve(Date.now())));
    const before = Date.now();
    expect((await fired) - before).toBeGreaterThanOrEqual(25);
    let far = false;
    clock.schedule(clock.now() + 86_400_000, 'tomorrow', () => void (far = true));
    await clock.advance(86_400_000);
    expect(far).toBe(true);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(86_400_000 - 50);
  });

  it('the emulator exposes Date-valued now(), advance and set', async () => {
    emu = await createEmulator({ port: 0, clock: 'manual', startTime: new Date('2026-01-01T00:00:00Z') });
    expect(emu.clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await emu.clock.advance(90_000);
    expect((await emu.control.clock.get()).now).toBe('2026-01-01T00:01:30.000Z');
    await emu.control.clock.set('2026-02-01T00:00:00Z');
    expect(emu.clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
    const http = await fetch(`${emu.url}/control/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 1000 }) });
    expect(((await http.json()) as { now: string }).now).toBe('2026-02-01T00:00:01.000Z');
  });
});
