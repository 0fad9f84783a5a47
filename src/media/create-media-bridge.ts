import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/errors.js';
import type { CallerSource, CallMediaStats, LegRole, MediaBridge, MediaBridgeEvent, MediaBridgeOptions, WorkerStats } from './bridge.js';
import { createWorkerPool, type WorkerSlot } from './ipc/worker-pool.js';

/** The media bridge: calls spread over worker processes; a call's legs all live in one worker. */
export function createMediaBridge(opts: MediaBridgeOptions = {}): MediaBridge {
  const emitter = new EventEmitter();
  const count = Math.max(1, opts.workers ?? availableParallelism());
  const range = opts.portRange;
  if (range && range[1] - range[0] + 1 <= count) throw new AppError('VALIDATION_FAILED', `the media port range needs more than ${count} ports (one per worker, then provider legs)`);
  const pool = createWorkerPool({
    count,
    settings: (workerId) => ({
      workerId,
      bindAddress: opts.bindAddress ?? '127.0.0.1',
      sharedPort: range ? range[0] + workerId : 0,
      ...(range ? { portRange: [range[0] + count, range[1]] as [number, number] } : {}),
      mediaGapMs: opts.mediaGapMs ?? 2000,
      legDeadAfterMs: opts.legDeadAfterMs ?? 10_000,
      ...(opts.engineLog ? { engineLog: opts.engineLog } : {}),
    }),
    ...(opts.workerExecArgv ? { execArgv: opts.workerExecArgv } : {}),
    requestTimeoutMs: opts.requestTimeoutMs ?? 15_000,
    onEvent: (e: MediaBridgeEvent) => {
      const { event, ...payload } = e;
      emitter.emit(event, payload);
    },
    onWorkerDied: (workerId, callIds) => emitter.emit('workerDied', { workerId, callIds }),
  });
  let closed = false;

  const worker = (callId: string): WorkerSlot => {
    if (closed) throw new AppError('SERVICE_UNAVAILABLE', 'the media bridge is closed');
    const w = pool.find(callId);
    if (!w) throw new AppError('NOT_FOUND', `no media for call ${callId}`);
    return w;
  };

  /** The first command of a call picks its worker; if it fails the call is forgotten. */
  const firstCommand = async <T>(callId: string, body: Parameters<typeof pool.request>[1]): Promise<T> => {
    if (closed) throw new AppError('SERVICE_UNAVAILABLE', 'the media bridge is closed');
    if (pool.find(callId)) throw new AppError('CONFLICT', `call ${callId} already has media`);
    const w = pool.assign(callId);
    try {
      return (await pool.request(w, body)) as T;
    } catch (e) {
      w.calls.delete(callId);
      throw e;
    }
  };

  const call = async <T>(callId: string, body: Parameters<typeof pool.request>[1]): Promise<T> =>
    (await pool.request(worker(callId), body)) as T;

  const bridge: MediaBridge = {
    answerProvider: (callId, offerSdp) => firstCommand(callId, { op: 'answerProvider', callId, offerSdp }),
    offerProvider: (callId) => firstCommand(callId, { op: 'offerProvider', callId }),
    applyProviderAnswer: (callId, sdp) => call(callId, { op: 'applyProviderAnswer', callId, sdp }),
    startProviderMedia: (callId, source?: CallerSource) => call(callId, { op: 'startProviderMedia', callId, ...(source ? { source } : {}) }),
    playToCaller: (callId, source) => call(callId, { op: 'playToCaller', callId, source }),
    createAgentLeg: (callId, legId, role: LegRole) => call(callId, { op: 'createAgentLeg', callId, legId, role }),
    applyAgentAnswer: (callId, legId, sdp) => call(callId, { op: 'applyAgentAnswer', callId, legId, sdp }),
    connectAgent: (callId, legId) => call(callId, { op: 'connectAgent', callId, legId }),
    removeLeg: (callId, legId) => call(callId, { op: 'removeLeg', callId, legId }),
    hold: (callId, musicFile) => call(callId, { op: 'hold', callId, musicFile }),
    resume: (callId) => call(callId, { op: 'resume', callId }),
    setMuted: (callId, legId, muted) => call(callId, { op: 'setMuted', callId, legId, muted }),
    sendDtmf: (callId, digits) => call(callId, { op: 'sendDtmf', callId, digits }),
    startRecording: (callId, file) => call(callId, { op: 'startRecording', callId, file }),
    recordCaller: (callId, file, maxMs) => call(callId, { op: 'recordCaller', callId, file, maxMs }),
    async endCall(callId) {
      const w = pool.find(callId);
      if (!w || closed) return { recordings: [] };
      try {
        return (await pool.request(w, { op: 'endCall', callId })) as { recordings: string[] };
      } finally {
        pool.release(callId);
      }
    },
    stats: (callId) => call<CallMediaStats>(callId, { op: 'stats', callId }),
    workerStats: () => Promise.all(pool.slots.map((w) => pool.request(w, { op: 'workerStats', callId: '*' }) as Promise<WorkerStats>)),
    on(event: string, fn: (e: never) => void) {
      emitter.on(event, fn as (e: unknown) => void);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.close();
      emitter.removeAllListeners();
    },
  };
  return bridge;
}
