import WebSocket from 'ws';

export interface DeskMessage {
  type: string;
  [key: string]: unknown;
}

/** An agent desk's WebSocket in a test: records every message and waits for the one you expect. */
export async function openDesk(baseUrl: string, token: string) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const messages: DeskMessage[] = [];
  const waiters: { match: (m: DeskMessage) => boolean; resolve: (m: DeskMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as DeskMessage;
    messages.push(m);
    for (const w of waiters.slice()) {
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let ref = 0;
  const desk = {
    ws,
    messages,
    /** The first message (already received or coming) of this type that matches. */
    next(type: string, match: (m: DeskMessage) => boolean = () => true, timeoutMs = 15_000): Promise<DeskMessage> {
      const seen = messages.find((m) => m.type === type && match(m));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match: (m: DeskMessage) => m.type === type && match(m), resolve: (m: DeskMessage) => { clearTimeout(timer); resolve(m); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no ${type} within ${timeoutMs} ms; got ${messages.map((x) => x.type).join(', ')}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    of: (type: string) => messages.filter((m) => m.type === type),
    /** Sends a command and resolves with its ack (or rejects with its error). */
    async command(msg: Record<string, unknown>): Promise<DeskMessage> {
      const r = ++ref;
      ws.send(JSON.stringify({ ...msg, ref: r }));
      const [ack, error] = [desk.next('ack', (m) => m.ref === r), desk.next('error', (m) => m.ref === r)];
      ack.catch(() => {});
      error.catch(() => {});
      const reply = await Promise.race([ack, error]);
      if (reply.type === 'error') throw Object.assign(new Error(String((reply.error as { code: string }).code)), { error: reply.error });
      return reply;
    },
    async ready() {
      return desk.next('session.ready');
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      });
    },
  };
  await desk.ready();
  return desk;
}

export type Desk = Awaited<ReturnType<typeof openDesk>>;

/** Polls until `check` returns a truthy value (for state reached through real I/O, not time rules). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
