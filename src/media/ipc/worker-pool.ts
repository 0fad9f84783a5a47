import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError, errorCatalog, type ErrorCode } from '../../domain/errors.js';
import type { MediaBridgeEvent } from '../bridge.js';
import { workerMessageSchema, type WorkerCommand, type WorkerSettings } from './messages.js';

const WORKER_FILE = fileURLToPath(new URL('../worker/media-worker.ts', import.meta.url));

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export interface WorkerSlot {
  readonly workerId: number;
  readonly calls: Set<string>;
  readonly pid: number | undefined;
}

export interface WorkerPoolOptions {
  count: number;
  settings: (workerId: number) => WorkerSettings;
  /** Extra Node flags for the worker processes (e.g. --cpu-prof). */
  execArgv?: string[];
  requestTimeoutMs: number;
  onEvent: (e: MediaBridgeEvent) => void;
  onWorkerDied: (workerId: number, callIds: string[]) => void;
}

type CommandBody = WorkerCommand extends infer C ? (C extends WorkerCommand ? Omit<C, 'id'> : never) : never;

interface Slot extends WorkerSlot {
  child: ChildProcess;
  ready: Promise<void>;
  isReady: boolean;
  pending: Map<number, Pending>;
  calls: Set<string>;
  pid: number | undefined;
}

/** Media worker processes controlled over IPC: request/reply with timeouts, restart on death. */
export function createWorkerPool(opts: WorkerPoolOptions) {
  let nextId = 1;
  let closing = false;
  const slots: Slot[] = [];

  /** Workers that died before they were ready (bad settings, a port in use) are restarted less and less often. */
  const failedStarts = new Map<number, number>();
  const restartTimers = new Set<NodeJS.Timeout>();

  const spawn = (workerId: number): Slot => {
    const settings = opts.settings(workerId);
    const child = fork(WORKER_FILE, [JSON.stringify(settings)], { execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let markReady: () => void = () => {};
    let markFailed: (e: Error) => void = () => {};
    const slot: Slot = {
      workerId, child, pid: child.pid, pending: new Map(), calls: new Set(), isReady: false,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
    };
    slot.ready.catch(() => {});
    child.on('message', (raw) => {
      const parsed = workerMessageSchema.safeParse(raw);
      if (!parsed.success) {
        console.error(`media worker ${workerId} sent an invalid message`);
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'ready') {
        slot.isReady = true;
        failedStarts.delete(workerId);
        markReady();
      }
      else if (msg.type === 'event') opts.onEvent(msg.payload);
      else {
        const p = slot.pending.get(msg.id);
        if (!p) return;
        slot.pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.value);
        else {
          const code = (msg.code && msg.code in errorCatalog ? msg.code : 'MEDIA_FAILED') as ErrorCode;
          p.reject(new AppError(code, msg.message ?? 'media worker error'));
        }
      }
    });
    child.on('error', (e) => console.error(`media worker ${workerId} error`, e));
    child.on('exit', (code, signal) => {
      markFailed(new AppError('MEDIA_FAILED', `media worker ${workerId} exited`));
      for (const p of slot.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new AppError('MEDIA_FAILED', `media worker ${workerId} died (${signal ?? code})`));
      }
      slot.pending.clear();
      const idx = slots.indexOf(slot);
      if (closing || idx < 0) return;
      const callIds = [...slot.calls];
      slot.calls.clear();
      const failures = slot.isReady ? 0 : (failedStarts.get(workerId) ?? 0) + 1;
      if (failures === 0) slots[idx] = spawn(workerId);
      else {
        failedStarts.set(workerId, failures);
        console.error(`media worker ${workerId} exited before it was ready (${signal ?? code}); restarting`);
        const timer = setTimeout(() => {
          restartTimers.delete(timer);
          if (!closing && slots[idx] === slot) slots[idx] = spawn(workerId);
        }, Math.min(30_000, 250 * 2 ** failures));
        restartTimers.add(timer);
      }
      opts.onWorkerDied(workerId, callIds);
    });
    return slot;
  };

  for (let i = 0; i < opts.count; i++) slots.push(spawn(i));

  return {
    slots: slots as readonly WorkerSlot[],
    ready: () => Promise.all(slots.map((s) => s.ready)).then(() => undefined),
    /** The least-loaded worker takes a new call. */
    assign(callId: string): WorkerSlot {
      const slot = slots.reduce((a, b) => (b.calls.size < a.calls.size ? b : a));
      slot.calls.add(callId);
      return slot;
    },
    find(callId: string): WorkerSlot | undefined {
      return slots.find((s) => s.calls.has(callId));
    },
    release(callId: string): void {
      for (const s of slots) s.calls.delete(callId);
    },
    async request(worker: WorkerSlot, body: CommandBody): Promise<unknown> {
      const slot = worker as Slot;
      await slot.ready.catch(() => {
        throw new AppError('SERVICE_UNAVAILABLE', `media worker ${slot.workerId} is not running`);
      });
      if (!slot.child.connected) throw new AppError('MEDIA_FAILED', `media worker ${slot.workerId} is not running`);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          slot.pending.delete(id);
          reject(new AppError('MEDIA_FAILED', `media worker ${slot.workerId} did not answer ${body.op} in time`));
        }, opts.requestTimeoutMs);
        slot.pending.set(id, { resolve, reject, timer });
        slot.child.send({ ...body, id });
      });
    },
    async close(): Promise<void> {
      closing = true;
      for (const t of restartTimers) clearTimeout(t);
      restartTimers.clear();
      await Promise.all(slots.map((s) => new Promise<void>((resolve) => {
        if (s.child.exitCode !== null || s.child.signalCode !== null) {
          resolve();
          return;
        }
        const kill = setTimeout(() => s.child.kill('SIGKILL'), 3000);
        s.child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        // Disconnecting makes the worker end its calls and exit.
        if (s.child.connected) s.child.disconnect();
        else s.child.kill('SIGTERM');
      })));
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;
