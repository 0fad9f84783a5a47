import type { Engine } from '../engine.js';
import { createCustomerMedia } from '../media/customer-media.js';
import { resetRequestLimits } from '../rules/permission-rules.js';
import { ensureUser, pairOf } from '../state/store.js';
import type { EmuCall } from '../state/types.js';
import { callTerminate, type CallError } from '../webhooks/envelope.js';

/** Steps shared by user- and business-initiated calls: media, silence watch, ending. */

export const callErrors = {
  mediaTimeout: (details: string): CallError => ({ code: 138021, message: 'Media receive timeout', details }),
  connectTimeout: (details: string): CallError => ({ code: 138007, message: 'Connect timeout', details }),
};

export function requireNumber(engine: Engine, call: EmuCall) {
  const number = engine.store.numbers.get(call.phoneNumberId);
  if (!number) throw new Error(`Business number ${call.phoneNumberId} is gone`);
  return number;
}

export function attachMedia(engine: Engine, call: EmuCall, onConnectionState?: (state: string) => void): void {
  const user = ensureUser(engine.store, call.userWaId);
  call.media = createCustomerMedia({
    callId: call.id,
    mediaAddress: engine.mediaAddress,
    audio: user.audio,
    keepSeconds: engine.audioKeepSeconds,
    decode: engine.decodeAudio,
    now: engine.clock.now,
    logger: engine.logger,
    ...(onConnectionState ? { onConnectionState } : {}),
    onMediaSignal: (kind) => {
      if (call.state === 'ended') return;
      if (kind === 'rtp' && call.direction === 'USER_INITIATED' && call.acceptedAt === undefined) {
        recordEarlyMedia(engine, call);
        return;
      }
      call.mediaSignalsSinceCheck++;
      call.lastMediaSignalAt = engine.clock.now();
      call.lastMediaSignalRealAt = performance.now();
    },
  });
}

function recordEarlyMedia(engine: Engine, call: EmuCall): void {
  const existing = call.violations.find((v) => v.type === 'early_media');
  if (existing) {
    existing.packets++;
    return;
  }
  call.violations.push({
    type: 'early_media',
    at: engine.clock.now(),
    packets: 1,
    detail: 'RTP from the business arrived before accept returned; WhatsApp would start the call timer here.',
  });
  engine.logger.warn({ callId: call.id }, 'early media from the business before accept');
}

/** Marks a call connected: counters Meta resets on any connected call, silence watch, customer audio. */
export function markConnected(engine: Engine, call: EmuCall): void {
  const now = engine.clock.now();
  call.state = 'accepted';
  call.acceptedAt = now;
  const pair = pairOf(engine.store, call.phoneNumberId, call.userWaId);
  resetRequestLimits(pair);
  if (call.direction === 'BUSINESS_INITIATED') {
    pair.bicConnectedAt.push(now);
    pair.consecutiveMisses = 0;
  }
  call.mediaSignalsSinceCheck = 0;
  call.media?.startSending();
  armSilenceCheck(engine, call, engine.timing.startSilenceMs, 'start');
}

/**
 * WhatsApp hangs up when the business sends no media for 20 s after accept or 30 s mid-call.
 * A check fires at the deadline: with no business RTP (or RTCP sender report) since it was armed,
 * the call fails with 138021; otherwise it re-arms for the mid-call limit.
 */
export function armSilenceCheck(engine: Engine, call: EmuCall, ms: number, phase: 'start' | 'mid'): void {
  if (!engine.timing.mediaTimeouts) return;
  engine.clock.cancel(call.timers.silence);
  call.mediaSignalsSinceCheck = 0;
  call.timers.silence = engine.clock.schedule(engine.clock.now() + ms, `silence check ${call.id}`, async () => {
    if (call.state !== 'accepted') return;
    const canSend = call.media && !['recvonly', 'inactive'].includes(answerDirection(call));
    // With a manual clock, one advance() can cross several checks with no real time between them:
    // media that was arriving a moment ago (real time) still counts as flowing.
    const live = call.lastMediaSignalRealAt !== undefined && performance.now() - call.lastMediaSignalRealAt < engine.timing.liveMediaGraceMs;
    if ((call.mediaSignalsSinceCheck > 0 || live) && canSend) {
      // Real clock: the deadline runs from the last packet. Manual clock: packet times are the
      // frozen clock's, so the next check is a full period after this one.
      const mid = engine.timing.midCallSilenceMs;
      const now = engine.clock.now();
      const fromLast = (call.lastMediaSignalAt ?? now) + mid - now;
      armSilenceCheck(engine, call, engine.clock.mode === 'real' && fromLast > 0 ? fromLast : mid, 'mid');
      return;
    }
    const seconds = Math.round((phase === 'start' ? ms : engine.timing.midCallSilenceMs) / 1000);
    await endCall(engine, call, {
      status: 'FAILED',
      reason: phase === 'start' ? 'no_media_after_accept' : 'media_timeout',
      error: callErrors.mediaTimeout(
        phase === 'start'
          ? `No media received from the business within ${seconds} s of the call being accepted.`
          : `No media received from the business for ${seconds} s.`,
      ),
    });
  });
}

/** The direction the business's SDP gives its own sending (answer for user calls, offer for business calls). */
export function answerDirection(call: EmuCall): string {
  const sdp = call.direction === 'USER_INITIATED' ? call.answerSdp : call.offerSdp;
  return (sdp && /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(sdp)?.[1]) ?? 'sendrecv';
}

export interface EndOptions {
  status: 'COMPLETED' | 'FAILED';
  reason: string;
  error?: CallError;
}

/** Ends a call once: timers cancelled, media closed, terminate webhook sent. */
export async function endCall(engine: Engine, call: EmuCall, end: EndOptions): Promise<void> {
  if (call.state === 'ended') return;
  const number = requireNumber(engine, call);
  const user = ensureUser(engine.store, call.userWaId);
  call.state = 'ended';
  call.endedAt = engine.clock.now();
  call.endStatus = end.status;
  call.endReason = end.reason;
  if (end.error) call.errorCode = end.error.code;
  for (const timer of Object.values(call.timers)) engine.clock.cancel(timer);
  call.timers = {};
  call.media?.stopSending();
  engine.logger.info({ callId: call.id, status: end.status, reason: end.reason }, 'call ended');
  engine.webhooks.send(number, callTerminate(number, user, call, call.endedAt, end.error));
  // Keep the recorder's figures for the control API; only the network side goes away.
  await call.media?.close();
  pruneEndedCalls(engine);
}

const KEEP_ENDED_CALLS = 500;
const KEEP_ENDED_PCM = 20;

/** Bounds memory in long runs: old ended calls are forgotten, and only recent ones keep their PCM. */
function pruneEndedCalls(engine: Engine): void {
  const ended = [...engine.store.calls.values()].filter((c) => c.state === 'ended');
  ended.slice(0, Math.max(0, ended.length - KEEP_ENDED_PCM)).forEach((c) => c.media?.recorder.releasePcm());
  ended.slice(0, Math.max(0, ended.length - KEEP_ENDED_CALLS)).forEach((c) => engine.store.calls.delete(c.id));
}
