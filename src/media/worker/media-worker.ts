/**
 * Entry point of a media worker process (forked by the bridge with tsx). It owns the calls assigned to it and
 * answers the parent's commands; every message in and out is validated.
 */
import nodeDataChannel from 'node-datachannel';
import { AppError, isAppError } from '../../domain/errors.js';
import type { MediaBridgeEvent } from '../bridge.js';
import { createNodeDataChannelEngine } from '../engine/node-datachannel-engine.js';
import { commandSchema, workerSettingsSchema, type WorkerMessage } from '../ipc/messages.js';
import { createCommandHandler } from './command-handler.js';

const settings = workerSettingsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));

const send = (msg: WorkerMessage): void => {
  // With a callback, a parent that went away is not an 'error' event that would crash the worker.
  if (process.connected) process.send!(msg, undefined, undefined, () => {});
};

let shutdown: () => Promise<void> = async () => {};
// The parent going away (crash or close) ends the worker: no orphaned media.
process.on('disconnect', () => {
  void shutdown().finally(() => process.exit(0));
});

if (settings.engineLog) nodeDataChannel.initLogger(settings.engineLog, (level, message) => process.stderr.write(`[media ${settings.workerId} ${level}] ${message}\n`));
const engine = await createNodeDataChannelEngine({
  bindAddress: settings.bindAddress,
  sharedPort: settings.sharedPort,
  ...(settings.portRange ? { portRange: settings.portRange } : {}),
});
const handler = createCommandHandler({
  workerId: settings.workerId,
  engine,
  mediaGapMs: settings.mediaGapMs,
  legDeadAfterMs: settings.legDeadAfterMs,
  emit: (payload: MediaBridgeEvent) => send({ type: 'event', payload }),
});
shutdown = async () => {
  await handler.closeAll();
  engine.shutdown();
};

process.on('message', (raw) => {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : -1;
    send({ type: 'reply', id, ok: false, code: 'VALIDATION_FAILED', message: parsed.error.message });
    return;
  }
  const cmd = parsed.data;
  handler.handle(cmd).then(
    (value) => send({ type: 'reply', id: cmd.id, ok: true, value }),
    (e: unknown) => {
      const err = isAppError(e) ? e : new AppError('MEDIA_FAILED', e instanceof Error ? e.message : String(e));
      send({ type: 'reply', id: cmd.id, ok: false, code: err.code, message: err.message });
    },
  );
});

send({ type: 'ready' });
