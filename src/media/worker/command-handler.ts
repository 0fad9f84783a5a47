import { AppError } from '../../domain/errors.js';
import type { CallerSource, MediaBridgeEvent } from '../bridge.js';
import { createOpusFileCache, type OpusClip } from '../audio/opus-file-cache.js';
import type { MediaEngine } from '../engine/media-engine.js';
import type { WorkerCommand } from '../ipc/messages.js';
import { CallMedia, nowMs } from './call-media.js';

export interface CommandHandlerDeps {
  workerId: number;
  engine: MediaEngine;
  mediaGapMs: number;
  legDeadAfterMs: number;
  emit: (e: MediaBridgeEvent) => void;
}

const TICK_MS = 10;

/**
 * The calls of one worker: runs commands against them and drives their media with one 10 ms tick for the whole
 * worker. A call is only visited when it has something due (see CallMedia.wakeAt).
 */
export function createCommandHandler(deps: CommandHandlerDeps) {
  const calls = new Map<string, CallMedia>();
  const files = createOpusFileCache();
  let timer: NodeJS.Timeout | null = null;

  const tick = () => {
    const now = nowMs();
    for (const call of calls.values()) {
      if (now < call.wakeAt) continue;
      try {
        call.tick(now);
      } catch (e) {
        console.error('media tick failed', e);
      }
    }
  };
  const ensureTimer = () => {
    if (!timer && calls.size > 0) timer = setInterval(tick, TICK_MS);
    if (timer && calls.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  };

  const filesOf = (s: CallerSource | undefined): string[] =>
    !s ? [] : s.kind === 'prompt' ? [s.file, ...filesOf(s.then)] : s.kind === 'music' ? [s.file] : [];
  const loadAll = async (source: CallerSource | undefined): Promise<Map<string, OpusClip>> => {
    const map = new Map<string, OpusClip>();
    for (const f of filesOf(source)) map.set(f, await files.load(f));
    return map;
  };

  const get = (callId: string): CallMedia => {
    const call = calls.get(callId);
    if (!call) throw new AppError('NOT_FOUND', `no media for call ${callId}`);
    return call;
  };

  const create = (callId: string): CallMedia => {
    if (calls.has(callId)) throw new AppError('CONFLICT', `call ${callId} already has media`);
    const call = new CallMedia({ callId, workerId: deps.workerId, engine: deps.engine, emit: deps.emit, mediaGapMs: deps.mediaGapMs, legDeadAfterMs: deps.legDeadAfterMs });
    calls.set(callId, call);
    ensureTimer();
    return call;
  };

  /** A failed first negotiation leaves nothing behind. */
  const creating = async <T>(callId: string, run: (call: CallMedia) => Promise<T>): Promise<T> => {
    const call = create(callId);
    try {
      return await run(call);
    } catch (e) {
      calls.delete(callId);
      ensureTimer();
      await call.end();
      throw e;
    }
  };

  /** Runs a command; the call it touched is looked at on the next tick (its schedule may have changed). */
  async function handle(cmd: WorkerCommand): Promise<unknown> {
    try {
      return await run(cmd);
    } finally {
      const call = calls.get(cmd.callId);
      if (call) call.wakeAt = 0;
    }
  }

  async function run(cmd: WorkerCommand): Promise<unknown> {
    switch (cmd.op) {
      case 'answerProvider':
        return creating(cmd.callId, (c) => c.answerProvider(cmd.offerSdp));
      case 'offerProvider':
        return creating(cmd.callId, (c) => c.offerProvider());
      case 'applyProviderAnswer':
        return get(cmd.callId).applyProviderAnswer(cmd.sdp);
      case 'startProviderMedia': {
        const call = get(cmd.callId);
        return call.startProviderMedia(cmd.source, await loadAll(cmd.source));
      }
      case 'playToCaller': {
        const call = get(cmd.callId);
        return call.setSource(cmd.source, await loadAll(cmd.source));
      }
      case 'createAgentLeg':
        return get(cmd.callId).createAgentLeg(cmd.legId, cmd.role);
      case 'applyAgentAnswer':
        return get(cmd.callId).applyAgentAnswer(cmd.legId, cmd.sdp);
      case 'connectAgent':
        return get(cmd.callId).connectAgent(cmd.legId);
      case 'removeLeg':
        return get(cmd.callId).removeLeg(cmd.legId);
      case 'hold': {
        const call = get(cmd.callId);
        return call.hold(await files.load(cmd.musicFile), cmd.musicFile);
      }
      case 'resume':
        return get(cmd.callId).resume();
      case 'setMuted':
        return get(cmd.callId).setMuted(cmd.legId, cmd.muted);
      case 'sendDtmf':
        return get(cmd.callId).sendDtmf(cmd.digits);
      case 'startRecording':
        return get(cmd.callId).startRecording(cmd.file, nowMs());
      case 'recordCaller':
        return get(cmd.callId).recordCaller(cmd.file, cmd.maxMs, nowMs());
      case 'endCall': {
        const call = calls.get(cmd.callId);
        if (!call) return { recordings: [] };
        calls.delete(cmd.callId);
        ensureTimer();
        return call.end();
      }
      case 'stats':
        return get(cmd.callId).stats();
      case 'workerStats':
        return { workerId: deps.workerId, pid: process.pid, calls: calls.size, openPeers: deps.engine.openPeers(), rssBytes: process.memoryUsage().rss };
    }
  }

  return {
    handle,
    async closeAll(): Promise<void> {
      const all = [...calls.values()];
      calls.clear();
      ensureTimer();
      await Promise.all(all.map((c) => c.end()));
    },
  };
}
