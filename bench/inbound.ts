/**
 * Inbound routing benchmark: signed Meta `connect` webhooks over HTTP → stored → routed → offer
 * delivered on an agent's WebSocket, with 1,000 available agents. Prints one JSON line per database.
 * The server runs in this process; the customers and the 1,000 desks run in a child process.
 *
 *   npx tsx bench/inbound.ts [--db pglite|postgres|both] [--agents 1000] [--rate 100] [--seconds 10]
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import WebSocket from 'ws';
import { hashPassword } from '../src/app/passwords.js';
import { loadConfig } from '../src/config.js';
import { buildApp, type App } from '../src/main.js';
import { openPglite, pgliteDatabase, postgresDatabase, type Database } from '../src/store/database.js';

export interface InboundBenchOptions {
  db: 'pglite' | 'postgres';
  agents: number;
  ratePerS: number;
  seconds: number;
  /** Concurrency of the closed-loop throughput phase. */
  concurrency: number;
  adminUrl: string;
}

const SECRET = 'bench-app-secret';
const PNID = '199000000000001';
const SDP = [
  'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=ice-lite',
  'm=audio 3480 UDP/TLS/RTP/SAVPF 111 126', 'c=IN IP4 127.0.0.1', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 3480 typ host', 'a=ice-ufrag:benchufrag', 'a=ice-pwd:benchpasswordbenchpassword',
  'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, () => 'AB').join(':'), 'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:126 telephone-event/8000', '',
].join('\r\n');

function envelope(value: Record<string, unknown>) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '299000000000001', changes: [{ field: 'calls', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '622150000099', phone_number_id: PNID }, ...value } }] }],
  });
}

const sign = (body: string) => `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function openDb(opts: InboundBenchOptions): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (opts.db === 'pglite') {
    const database = pgliteDatabase(await openPglite());
    return { database, drop: async () => {} };
  }
  const name = `sb_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(opts.adminUrl);
  url.pathname = `/${name}`;
  const database = postgresDatabase(url.toString(), 20);
  return {
    database,
    drop: async () => {
      const a = new pg.Client({ connectionString: opts.adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function seed(app: App, agents: number): Promise<{ tenantId: string; tokens: string[] }> {
  const db = app.database.db;
  const now = new Date();
  const tenantId = app.ids.next();
  await db.insertInto('tenants').values({ id: tenantId, name: 'Bench', settings: '{}', created_at: now }).execute();
  const hash = await hashPassword('bench-password');
  const ids: string[] = [];
  for (let start = 0; start < agents; start += 500) {
    const batch = Array.from({ length: Math.min(500, agents - start) }, (_, i) => ({ id: app.ids.next(), n: start + i }));
    await db.insertInto('users').values(batch.map((b) => ({ id: b.id, tenant_id: tenantId, email: `agent${b.n}@bench.test`, name: `Agent ${b.n}`, role: 'agent' as const, password_hash: hash, created_at: now, updated_at: now }))).execute();
    await db.insertInto('agent_presence').values(batch.map((b) => ({ user_id: b.id, tenant_id: tenantId, status: 'available' as const, status_since: now, available_since: now }))).execute();
    ids.push(...batch.map((b) => b.id));
  }
  const channelId = app.ids.next();
  await db.insertInto('channels').values({
    id: channelId, tenant_id: tenantId, name: 'Bench', display_number: '+622150000099', country: 'ID', phone_number_id: PNID, waba_id: '299000000000001',
    access_token: 'bench-token', app_secret: SECRET, verify_token: 'v', voice_calling_enabled: true, prompts: '{}', health: '{}', created_at: now, updated_at: now,
  }).execute();
  const rg = app.ids.next();
  await db.insertInto('ring_groups').values({ id: rg, tenant_id: tenantId, channel_id: channelId, name: 'All', mode: 'round_robin', created_at: now, updated_at: now }).execute();
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    await db.insertInto('channel_members').values(part.map((u) => ({ channel_id: channelId, user_id: u, tenant_id: tenantId }))).execute();
    await db.insertInto('ring_group_members').values(part.map((u, i) => ({ ring_group_id: rg, channel_id: channelId, user_id: u, tenant_id: tenantId, position: start + i }))).execute();
  }
  const tokens: string[] = [];
  for (const u of ids) {
    const token = `sb_bench_${crypto.randomBytes(16).toString('hex')}`;
    tokens.push(token);
    await db.insertInto('auth_tokens').values({ token_hash: crypto.createHash('sha256').update(token).digest('hex'), tenant_id: tenantId, user_id: u, kind: 'api', name: 'bench', created_at: now, expires_at: null }).execute();
  }
  return { tenantId, tokens };
}

/** Rate of bare single-row insert transactions with the same concurrency: the database's own ceiling. */
async function bareInsertRate(database: Database, concurrency: number, seconds: number): Promise<number> {
  await sql`create table if not exists bench_bare (id bigserial primary key, at timestamptz not null, note text)`.execute(database.db);
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      await database.db.transaction().execute((tx) => sql`insert into bench_bare (at, note) values (now(), 'x')`.execute(tx));
      n++;
    }
  }));
  return n / seconds;
}

/** What the load process is told: where to send, who to listen as, and how hard to push. */
interface LoadJob {
  base: string;
  tokens: string[];
  ratePerS: number;
  seconds: number;
  concurrency: number;
}

interface LoadResult {
  calls: number;
  undelivered: number;
  openLoopS: number;
  p50: number;
  p99: number;
  routedPerS: number;
}

/**
 * The customers and the agents' desks: signed webhooks over HTTP and one WebSocket per agent, in a
 * process of its own so the server's event loop is not shared with the load it is measured under.
 */
async function runLoad(job: LoadJob): Promise<LoadResult> {
  const { base, tokens } = job;
  const offeredAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const waiters = new Map<string, () => void>();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 100) {
    await Promise.all(tokens.slice(i, i + 100).map((t) => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?token=${t}`);
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string; contact_name?: string };
        if (m.type === 'session.ready') return resolve();
        if (m.type !== 'call.offered' || !m.contact_name) return;
        const wacid = `wacid.bench${m.contact_name.slice('Customer '.length)}`;
        const t0 = sentAt.get(wacid);
        if (t0 !== undefined && !offeredAt.has(wacid)) {
          offeredAt.set(wacid, performance.now());
          latencies.push(performance.now() - t0);
          delivered++;
          waiters.get(wacid)?.();
        }
      });
      ws.once('error', reject);
      sockets.push(ws);
    })));
  }

  let seq = 0;
  // Persistent connections, as Meta's webhook sender keeps them; a bounded pool like any real sender.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const post = (body: string) => new Promise<void>((resolve, reject) => {
    const req = http.request(`${base}/webhooks/whatsapp`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-signature-256': sign(body) },
    }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`webhook ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end(body);
  });
  /** One call: connect → offer delivered → the customer hangs up (frees the agent). */
  const oneCall = async () => {
    const n = ++seq;
    const phone = `+62812${String(10_000_000 + n).padStart(8, '0')}`;
    const wacid = `wacid.bench${n}`;
    const ts = String(Math.floor(Date.now() / 1000));
    const offered = new Promise<void>((resolve) => waiters.set(wacid, resolve));
    sentAt.set(wacid, performance.now());
    await post(envelope({
      contacts: [{ profile: { name: `Customer ${n}` }, wa_id: phone.slice(1) }],
      calls: [{ id: wacid, from: phone.slice(1), to: '622150000099', event: 'connect', timestamp: ts, direction: 'USER_INITIATED', session: { sdp_type: 'offer', sdp: SDP } }],
    }));
    await Promise.race([offered, new Promise((r) => setTimeout(r, 5000))]);
    waiters.delete(wacid);
    await post(envelope({ calls: [{ id: wacid, from: phone.slice(1), to: '622150000099', event: 'terminate', direction: 'USER_INITIATED', timestamp: ts, status: 'FAILED' }] }));
  };

  // Warm-up, then the open-loop phase at the offered rate.
  await Promise.all(Array.from({ length: 20 }, () => oneCall()));
  latencies.length = 0;
  delivered = 0;
  const total = job.ratePerS * job.seconds;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / job.ratePerS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(oneCall());
  }
  await Promise.all(inflight);
  const openLoopS = (performance.now() - started) / 1000;
  const sorted = latencies.slice().sort((a, b) => a - b);
  const result = { calls: total, undelivered: total - delivered, openLoopS, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };

  // Closed loop: as many calls as the server routes, `concurrency` at a time.
  delivered = 0;
  const closedStart = performance.now();
  const closedUntil = closedStart + Math.min(job.seconds, 8) * 1000;
  await Promise.all(Array.from({ length: job.concurrency }, async () => {
    while (performance.now() < closedUntil) await oneCall();
  }));
  const routedPerS = delivered / ((performance.now() - closedStart) / 1000);
  for (const ws of sockets) ws.close();
  agent.destroy();
  return { ...result, routedPerS };
}

const CLIENT_FLAG = '--inbound-bench-load';

/** Runs the load in a child process (this file, forked) and waits for its figures. */
function loadInChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [CLIENT_FLAG], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => {
      const msg = m as { ok: true; result: LoadResult } | { ok: false; error: string };
      child.kill();
      if (msg.ok) resolve(msg.result);
      else reject(new Error(msg.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load process exited with ${code}`)));
    child.send(job);
  });
}

export async function runInboundBench(opts: InboundBenchOptions): Promise<Record<string, unknown>> {
  const { database, drop } = await openDb(opts);
  const config = loadConfig({
    PORT: '0', LOG_LEVEL: 'silent', MEDIA_WORKERS: '0', BUS: 'memory', DATA_DIR: '.tmp/bench-data',
    // Nothing is sent to the provider in this run (no media: no pre-accept); keep it on loopback anyway.
    META_GRAPH_URL: 'http://127.0.0.1:9', META_TIMEOUT_MS: '200',
  });
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }), background: false });
  const base = await app.listen();
  try {
    const { tokens } = await seed(app, opts.agents);
    const load = await loadInChild({ base, tokens, ratePerS: opts.ratePerS, seconds: opts.seconds, concurrency: opts.concurrency });
    const bare = await bareInsertRate(database, opts.concurrency, 3);
    return {
      bench: 'inbound', db: opts.db, agents: opts.agents, offered_calls_per_s: opts.ratePerS,
      achieved_offered_per_s: Math.round((load.calls / load.openLoopS) * 10) / 10, calls: load.calls, undelivered_offers: load.undelivered,
      p50_ms: Math.round(load.p50 * 100) / 100, p99_ms: Math.round(load.p99 * 100) / 100,
      routed_calls_per_s: Math.round(load.routedPerS * 10) / 10, bare_insert_per_s: Math.round(bare),
      routed_vs_bare_pct: Math.round((load.routedPerS / bare) * 1000) / 10,
    };
  } finally {
    await app.close();
    await database.close();
    await drop();
  }
}

export function parseInboundArgs(argv: string[]): { dbs: ('pglite' | 'postgres')[]; agents: number; rate: number; seconds: number; concurrency: number } {
  const get = (name: string, def: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
  };
  const db = get('db', 'both');
  return {
    dbs: db === 'both' ? ['pglite', 'postgres'] : [db as 'pglite' | 'postgres'],
    agents: Number(get('agents', '1000')),
    rate: Number(get('rate', '100')),
    seconds: Number(get('seconds', '10')),
    concurrency: Number(get('concurrency', '20')),
  };
}

export async function mainInbound(argv: string[]): Promise<void> {
  const a = parseInboundArgs(argv);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  for (const db of a.dbs) {
    const result = await runInboundBench({ db, agents: a.agents, ratePerS: a.rate, seconds: a.seconds, concurrency: a.concurrency, adminUrl });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

if (process.argv.includes(CLIENT_FLAG)) {
  process.once('message', (job) => {
    runLoad(job as LoadJob).then(
      (result) => process.send!({ ok: true, result }),
      (err: unknown) => process.send!({ ok: false, error: String((err as Error)?.stack ?? err) }),
    );
  });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  mainInbound(process.argv.slice(2)).then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
