import { ApiError, DESK_OFFLINE } from './api-error.js';
import { parseServerMessage, type ServerMessage } from './server-messages.js';

/** The part of the browser's WebSocket the desk uses (tests pass a fake). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'unauthenticated' | 'closed';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DeskSocketOptions {
  url: string;
  connect?: (url: string) => SocketLike;
  timers?: Timers;
  /** 0..1, spreads reconnects of many desks after a server restart. */
  random?: () => number;
  /** How long a command waits for its ack. */
  commandTimeoutMs?: number;
}

const OPEN = 1;
/** Close code the server uses when the session is not valid. */
export const UNAUTHENTICATED_CLOSE = 4401;

/** Wait before reconnect attempt n (1-based): 0.5 s doubling to 15 s, with ±20 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The desk's WebSocket: reconnects with back-off, hands server messages to listeners, and sends
 * commands `{type, ref, ...}` whose promise settles with the matching ack or error.
 */
export function createDeskSocket(opts: DeskSocketOptions) {
  const connect = opts.connect ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const timers: Timers = opts.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
  const random = opts.random ?? Math.random;
  const commandTimeout = opts.commandTimeoutMs ?? 15_000;
  const messageListeners = new Set<(m: ServerMessage) => void>();
  const stateListeners = new Set<(s: SocketState) => void>();
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: ApiError) => void; timer: unknown }>();
  let socket: SocketLike | null = null;
  let state: SocketState = 'connecting';
  let attempts = 0;
  let retryTimer: unknown = null;
  let ref = 0;
  let stopped = false;

  const setState = (s: SocketState) => {
    if (s === state) return;
    state = s;
    for (const l of stateListeners) l(s);
  };

  const failPending = () => {
    for (const [key, p] of pending) {
      timers.clearTimeout(p.timer);
      p.reject(new ApiError({ code: DESK_OFFLINE, message: 'The connection to the server was lost.', details: null }, 0));
      pending.delete(key);
    }
  };

  function open(): void {
    const s = connect(opts.url);
    socket = s;
    s.onopen = () => {
      attempts = 0;
    };
    s.onmessage = (ev) => {
      const raw = typeof ev.data === 'string' ? ev.data : String(ev.data);
      let frame: { type?: string; ref?: unknown; result?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> | null } };
      try {
        frame = JSON.parse(raw);
      } catch {
        return;
      }
      if ((frame.type === 'ack' || frame.type === 'error') && frame.ref !== undefined && frame.ref !== null) {
        const p = pending.get(String(frame.ref));
        if (p) {
          pending.delete(String(frame.ref));
          timers.clearTimeout(p.timer);
          if (frame.type === 'ack') p.resolve(frame.result ?? null);
          else p.reject(new ApiError({ code: frame.error?.code ?? 'INTERNAL', message: frame.error?.message ?? 'Refused.', details: frame.error?.details ?? null }, 0));
        }
        return;
      }
      const m = parseServerMessage(raw);
      if (!m) return;
      if (m.type === 'session.ready') setState('open');
      for (const l of messageListeners) l(m);
    };
    s.onerror = () => {};
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = null;
      failPending();
      if (stopped) return setState('closed');
      if (ev.code === UNAUTHENTICATED_CLOSE) return setState('unauthenticated');
      setState('reconnecting');
      attempts++;
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        if (!stopped) open();
      }, reconnectDelay(attempts, random));
    };
  }

  open();

  return {
    get state(): SocketState {
      return state;
    },
    onMessage(fn: (m: ServerMessage) => void): () => void {
      messageListeners.add(fn);
      return () => messageListeners.delete(fn);
    },
    onState(fn: (s: SocketState) => void): () => void {
      stateListeners.add(fn);
      return () => stateListeners.delete(fn);
    },
    /** Sends a command; resolves with the ack's result, rejects with an ApiError (DESK_OFFLINE when not connected). */
    command(type: string, payload: Record<string, unknown> = {}): Promise<unknown> {
      if (!socket || socket.readyState !== OPEN || state !== 'open') {
        return Promise.reject(new ApiError({ code: DESK_OFFLINE, message: 'Not connected to the server.', details: null }, 0));
      }
      const r = String(++ref);
      const s = socket;
      return new Promise((resolve, reject) => {
        const timer = timers.setTimeout(() => {
          pending.delete(r);
          reject(new ApiError({ code: DESK_OFFLINE, message: 'The server did not answer in time.', details: null }, 0));
        }, commandTimeout);
        pending.set(r, { resolve, reject, timer });
        s.send(JSON.stringify({ ...payload, type, ref: r }));
      });
    },
    /** Reconnect now (e.g. when the browser comes back online). */
    retryNow(): void {
      if (socket || stopped) return;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      open();
    },
    close(): void {
      stopped = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      failPending();
      const s = socket;
      socket = null;
      s?.close(1000, 'bye');
      setState('closed');
    },
  };
}

export type DeskSocket = ReturnType<typeof createDeskSocket>;
