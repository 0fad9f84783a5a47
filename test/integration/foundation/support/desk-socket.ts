import WebSocket from 'ws';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DeskMessage = { type: string; [k: string]: any };

export interface DeskClient {
  /** Every message received so far, in order. */
  messages: DeskMessage[];
  /** Resolves with the first message (already received or coming) of this type that matches. */
  next(type: string, match?: (m: DeskMessage) => boolean): Promise<DeskMessage>;
  /** A ping/pong round trip: every message the server sent before the pong has arrived. */
  sync(): Promise<void>;
  close(): Promise<void>;
  closed: Promise<{ code: number }>;
}

let ref = 0;

/** A desk WebSocket against a listening server (`?token=` or the session cookie). Waits for `session.ready` unless told not to. */
export async function connectDesk(baseUrl: string, auth: { token?: string; cookie?: string }, opts: { ready?: boolean } = {}): Promise<DeskClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/ws${auth.token ? `?token=${encodeURIComponent(auth.token)}` : ''}`;
  const ws = new WebSocket(url, auth.cookie ? { headers: { cookie: `sb_session=${auth.cookie}` } } : {});
  const messages: DeskMessage[] = [];
  const waiters: { type: string; match: (m: DeskMessage) => boolean; resolve: (m: DeskMessage) => void }[] = [];
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as DeskMessage;
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.type === m.type && w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: DeskClient = {
    messages,
    closed,
    next(type, match = () => true) {
      const seen = messages.find((m) => m.type === type && match(m));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ type, match, resolve }));
    },
    async sync() {
      const r = `sync-${++ref}`;
      const pong = client.next('pong', (m) => m.ref === r);
      ws.send(JSON.stringify({ type: 'ping', ref: r }));
      await pong;
    },
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close();
      await closed;
    },
  };
  await opened;
  if (opts.ready !== false) await client.next('session.ready');
  return client;
}
