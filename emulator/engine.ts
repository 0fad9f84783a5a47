import type { EmulatorClock } from './clock.js';
import type { Logger } from './logger.js';
import type { Store } from './state/store.js';
import type { WebhookSender } from './webhooks/sender.js';

/** Timing knobs of the simulated platform (all in ms of emulator time). */
export interface EngineTiming {
  /** Meta's window for the business to pre_accept/accept a user call. */
  acceptWindowMs: number;
  /** How long a user's phone rings for a business call. */
  bicRingTimeoutMs: number;
  /** No business media this long after accept ends the call (138021). */
  startSilenceMs: number;
  /** No business media this long mid-call ends the call (138021). */
  midCallSilenceMs: number;
  /** A business call answered by the user whose media never comes up ends after this (138007). */
  bicConnectTimeoutMs: number;
  /**
   * Business media seen this recently (real ms) counts as still flowing at a silence check, so a
   * manual-clock jump across several checks does not end a call whose media is flowing.
   */
  liveMediaGraceMs: number;
  /** Switch the media-silence rules off (e.g. for tests that jump days while a call is up). */
  mediaTimeouts: boolean;
}

/** What every part of the emulator's behaviour is built from. */
export interface Engine {
  store: Store;
  clock: EmulatorClock;
  webhooks: WebhookSender;
  logger: Logger;
  timing: EngineTiming;
  mediaAddress: string;
  /** Seconds of decoded customer-side PCM kept per call for analysis. */
  audioKeepSeconds: number;
  /** Decode the business's Opus for analysis (off for load tests: counters only). */
  decodeAudio: boolean;
  /** Connected business-initiated calls per pair per 24 h for numbers registered without their own value. */
  defaultConnectedCallLimit: number;
}
