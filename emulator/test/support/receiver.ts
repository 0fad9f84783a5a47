import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A little webhook receiver for tests: records every POST and answers with a chosen status. */
export interface Received {
  raw: string;
  body: { object: string; entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[] };
  headers: IncomingHttpHeaders;
  answeredWith: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer the next deliveries with (default 200). */
  respondWith(fn: (r: Received, index: number) => number): void;
  /** Resolves with the first delivery (already received or future) that matches. */
  waitFor(pred: (r: Received) => boolean, what?: string, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export const value = (r: Received) => r.body.entry[0]!.changes[0]!.value;
export const field = (r: Received) => r.body.entry[0]!.changes[0]!.field;
export const callEvent = (r: Received) => (value(r).calls as { event: string; id: string }[] | undefined)?.[0];
export const callStatusOf = (r: Received) => (value(r).statuses as { status: string; type?: string; id: string }[] | undefined)?.[0];
export const isCallEvent = (event: string, callId?: string) => (r: Received) =>
  callEvent(r)?.event === event && (callId === undefined || callEvent(r)?.id === callId);
export const isCallStatus = (status: string, callId?: string) => (r: Received) =>
  callStatusOf(r)?.type === 'call' && callStatusOf(r)?.status === status && (callId === undefined || callStatusOf(r)?.id === callId);

export const VERIFY_TOKEN = 'demo-verify-token';

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let respond: (r: Received, index: number) => number = () => 200;
  const waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') {
      // Meta's verification handshake: echo hub.challenge when the verify token matches.
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const ok = q.get('hub.mode') === 'subscribe' && q.get('hub.verify_token') === VERIFY_TOKEN;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' }).end(ok ? (q.get('hub.challenge') ?? '') : 'forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { raw, body: JSON.parse(raw) as Received['body'], headers: req.headers, answeredWith: 200 };
      r.answeredWith = respond(r, received.length);
      received.push(r);
      res.writeHead(r.answeredWith, { 'content-type': 'text/plain' }).end('ok');
      if (r.answeredWith < 300) {
        for (const w of [...waiters]) {
          if (w.pred(r)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(r);
          }
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    respondWith(fn) {
      respond = fn;
    },
    waitFor(pred, what = 'webhook', timeoutMs = 15_000) {
      const hit = received.find((r) => r.answeredWith < 300 && pred(r));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
        waiters.push({ pred, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
