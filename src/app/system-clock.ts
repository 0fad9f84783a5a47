import type { Clock } from '../domain/clock.js';

/** The real clock, for production. Rules never read it directly; they get a Clock. */
export const systemClock: Clock = { now: () => new Date() };
