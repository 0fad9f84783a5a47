import type { Clock } from '../../src/domain/clock.js';

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-03-02T03:00:00.000Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
}
