/**
 * Media bridge benchmark: N concurrent bridged calls, customer <-> bridge workers <-> agent client, and in the same
 * run one direct customer <-> agent stream between the same two kinds of endpoint as the latency reference.
 *
 *   npx tsx bench/media.ts [--calls 100] [--workers 1] [--seconds 10] [--concurrency 20] [--profile DIR]
 *
 * The customers run in one child process and the agents in another (this file, forked with `--media-bench-ends`),
 * so the bridge's workers are measured without the endpoints in their process or in this one. Customers are
 * node-datachannel with Meta's codecs (Opus 111, telephone-event 126, actpass offer); they are full ICE agents,
 * not ICE-lite like Meta. Every 20 ms packet carries its send time, so one-way latency is measured end to end.
 * Prints one JSON line; stops by itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMediaBridge } from '../src/media/bridge.js';
import { rtpPayload } from '../src/media/rtp/rtp-packet.js';
import { createAgentClient, type AgentClient } from '../src/media/testing/agent-client.js';
import { createCustomerClient, type CustomerClient } from '../src/media/testing/customer-client.js';

export interface MediaBenchOptions {
  calls?: number;
  workers?: number;
  seconds?: number;
  /** Calls being set up at the same time. */
  concurrency?: number;
  /** Payload bytes per 20 ms packet (about 24 kbit/s Opus by default). */
  payloadBytes?: number;
  /** Write a V8 CPU profile of each worker into this directory. */
  profileDir?: string;
}

export interface MediaBenchResult {
  bench: 'media';
  db: 'none';
  engine: 'node-datachannel';
  calls: number;
  workers: number;
  cpu_pct_per_call: number;
  added_p50_ms: number;
  added_p99_ms: number;
  loss_pct: number;
  setups_per_s: number;
  rss_mb_per_call: number;
  cpu_pct_workers_total: number;
  bridged_p50_ms: number;
  bridged_p99_ms: number;
  direct_p50_ms: number;
  direct_p99_ms: number;
  setup_failures: number;
  measured_s: number;
}

const ENDS_FLAG = '--media-bench-ends';
const MAGIC = 0x5b;
const TIME_ORIGIN = performance.timeOrigin;
const now = (): number => TIME_ORIGIN + performance.now();

// ---- the endpoint processes --------------------------------------------------------------------------------------

type EndsCommand =
  | { op: 'customer'; id: string }
  | { op: 'acceptAnswer'; id: string; sdp: string }
  | { op: 'agent'; id: string; offer: string }
  | { op: 'connected'; ids: string[]; timeoutMs: number }
  | { op: 'drop'; id: string }
  | { op: 'measure'; from: number; to: number }
  | { op: 'report' };
type EndsReply = { seq: number; ok: boolean; value?: unknown; error?: string };
interface EndsReport { sent: number; received: number; latencies: { bridged: number[]; direct: number[] } }

/** Runs in a child process: hosts customers or agents, answers the parent's commands over IPC. */
function runEnds(payloadBytes: number): void {
  const customers = new Map<string, CustomerClient>();
  const agents = new Map<string, AgentClient>();
  let window = { from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
  const report: EndsReport = { sent: 0, received: 0, latencies: { bridged: [], direct: [] } };

  const payload = (): Buffer => {
    const b = Buffer.alloc(payloadBytes);
    b[0] = 0xf8; // a CELT 20 ms Opus TOC: the bridge sees an ordinary 20 ms frame
    b[1] = MAGIC;
    const t = now();
    b.writeDoubleLE(t, 2);
    if (t >= window.from && t <= window.to) report.sent++;
    return b;
  };
  const heard = (id: string) => (packet: Buffer) => {
    const p = rtpPayload(packet);
    if (!p || p.length < 10 || p[1] !== MAGIC) return;
    const sentAt = p.readDoubleLE(2);
    if (sentAt < window.from || sentAt > window.to) return;
    report.received++;
    (id === 'direct' ? report.latencies.direct : report.latencies.bridged).push(now() - sentAt);
  };
  const isConnected = (id: string) => (customers.get(id) ?? agents.get(id))?.connected ?? false;

  const handle = async (cmd: EndsCommand): Promise<unknown> => {
    switch (cmd.op) {
      case 'customer': {
        const c = createCustomerClient({ payload, onPacket: heard(cmd.id) });
        customers.set(cmd.id, c);
        return c.offer();
      }
      case 'acceptAnswer':
        customers.get(cmd.id)!.acceptAnswer(cmd.sdp);
        return null;
      case 'agent': {
        const a = createAgentClient({ toneHz: null, decode: false, payload, onPacket: (index, packet) => index === 0 && heard(cmd.id)(packet) });
        agents.set(cmd.id, a);
        return a.answer(cmd.offer);
      }
      case 'connected': {
        const deadline = Date.now() + cmd.timeoutMs;
        while (!cmd.ids.every(isConnected)) {
          if (Date.now() > deadline) throw new Error(`not connected: ${cmd.ids.filter((id) => !isConnected(id)).join(', ')}`);
          await new Promise((r) => setTimeout(r, 10));
        }
        return null;
      }
      case 'drop':
        customers.get(cmd.id)?.close();
        agents.get(cmd.id)?.close();
        customers.delete(cmd.id);
        agents.delete(cmd.id);
        return null;
      case 'measure':
        window = { from: cmd.from, to: cmd.to };
        return null;
      case 'report':
        return report;
    }
  };

  process.on('message', (raw) => {
    const { seq, cmd } = raw as { seq: number; cmd: EndsCommand };
    handle(cmd).then(
      (value) => process.send!({ seq, ok: true, value } satisfies EndsReply),
      (e: unknown) => process.send!({ seq, ok: false, error: (e as Error).message } satisfies EndsReply),
    );
  });
  process.on('disconnect', () => {
    for (const c of customers.values()) c.close();
    for (const a of agents.values()) a.close();
    process.exit(0);
  });
  process.send!({ seq: 0, ok: true });
}

/** The parent's handle on an endpoint process. */
async function startEnds(payloadBytes: number) {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [ENDS_FLAG, String(payloadBytes)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextSeq = 1;
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
    child.once('exit', (code) => reject(new Error(`bench endpoint process exited (${code})`)));
  });
  child.on('message', (raw) => {
    const r = raw as EndsReply;
    const p = pending.get(r.seq);
    pending.delete(r.seq);
    if (r.ok) p?.resolve(r.value);
    else p?.reject(new Error(r.error));
  });
  await ready;
  return {
    pid: child.pid!,
    ask<T>(cmd: EndsCommand): Promise<T> {
      const seq = nextSeq++;
      return new Promise<T>((resolve, reject) => {
        pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ seq, cmd });
      });
    },
    stop(): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.disconnect();
      });
    },
  };
}

// ---- the run -----------------------------------------------------------------------------------------------------

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 Hz)
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runMediaBench(opts: MediaBenchOptions = {}): Promise<MediaBenchResult> {
  const calls = opts.calls ?? 100;
  const workers = opts.workers ?? 1;
  const seconds = opts.seconds ?? 10;
  const concurrency = opts.concurrency ?? 20;
  const payloadBytes = opts.payloadBytes ?? 60;
  const bridge = createMediaBridge({
    workers, requestTimeoutMs: 30_000,
    ...(opts.profileDir ? { workerExecArgv: ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] } : {}),
  });
  const ends = await Promise.all([startEnds(payloadBytes), startEnds(payloadBytes)]);
  const [customers, agents] = ends as [Awaited<ReturnType<typeof startEnds>>, Awaited<ReturnType<typeof startEnds>>];
  const established: string[] = [];
  try {
    const baseline = await bridge.workerStats();

    const setupCall = async (i: number): Promise<void> => {
      const callId = `wacid.bench-${i}`;
      const id = `c${i}`;
      try {
        const { sdp } = await bridge.answerProvider(callId, await customers.ask<string>({ op: 'customer', id }));
        await customers.ask({ op: 'acceptAnswer', id, sdp });
        await bridge.startProviderMedia(callId);
        const leg = await bridge.createAgentLeg(callId, 'agent', 'agent');
        await bridge.applyAgentAnswer(callId, 'agent', await agents.ask<string>({ op: 'agent', id, offer: leg.sdp }));
        await bridge.connectAgent(callId, 'agent');
        await Promise.all([customers.ask({ op: 'connected', ids: [id], timeoutMs: 20_000 }), agents.ask({ op: 'connected', ids: [id], timeoutMs: 20_000 })]);
        established.push(callId);
      } catch (e) {
        await bridge.endCall(callId).catch(() => undefined);
        await Promise.all([customers.ask({ op: 'drop', id }), agents.ask({ op: 'drop', id })]);
        throw e;
      }
    };

    // Setups, `concurrency` at a time; a failed one is counted and replaced so N calls run.
    const t0 = now();
    let next = 0;
    let failures = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, async () => {
      while (next < calls + failures && failures <= Math.ceil(calls / 10)) {
        const i = next++;
        await setupCall(i).catch((e: Error) => {
          failures++;
          console.error(`setup ${i} failed: ${e.message}`);
        });
      }
    }));
    const setupS = (now() - t0) / 1000;

    // The reference: the same two kinds of endpoint, connected directly.
    const direct = await customers.ask<string>({ op: 'customer', id: 'direct' });
    await customers.ask({ op: 'acceptAnswer', id: 'direct', sdp: await agents.ask<string>({ op: 'agent', id: 'direct', offer: direct }) });
    await Promise.all([customers.ask({ op: 'connected', ids: ['direct'], timeoutMs: 20_000 }), agents.ask({ op: 'connected', ids: ['direct'], timeoutMs: 20_000 })]);

    // Warm up 1 s, then measure a window every process agrees on.
    const from = now() + 1000;
    const to = from + seconds * 1000;
    await Promise.all(ends.map((e) => e.ask({ op: 'measure', from, to })));
    const pids = (await bridge.workerStats()).map((w) => w.pid);
    await sleep(from - now());
    const ticks0 = pids.map(cpuTicks);
    const m0 = now();
    await sleep(to - now());
    const ticks = pids.map((p, i) => cpuTicks(p) - ticks0[i]!);
    const measuredS = (now() - m0) / 1000;
    const steady = await bridge.workerStats();
    await sleep(300); // packets sent at the end of the window land

    const reports = await Promise.all(ends.map((e) => e.ask<EndsReport>({ op: 'report' })));
    const bridged = reports.flatMap((r) => r.latencies.bridged);
    const directLat = reports.flatMap((r) => r.latencies.direct);
    const sent = reports.reduce((n, r) => n + r.sent, 0);
    const received = reports.reduce((n, r) => n + r.received, 0);
    const n = established.length;
    const cpuPct = (ticks.reduce((x, y) => x + y, 0) / 100 / measuredS) * 100;
    const rssDelta = steady.reduce((s, w) => s + w.rssBytes, 0) - baseline.reduce((s, w) => s + w.rssBytes, 0);
    return {
      bench: 'media', db: 'none', engine: 'node-datachannel', calls: n, workers,
      cpu_pct_per_call: round(cpuPct / n, 3),
      added_p50_ms: round(pct(bridged, 50) - pct(directLat, 50)),
      added_p99_ms: round(pct(bridged, 99) - pct(directLat, 99)),
      loss_pct: round(sent > 0 ? Math.max(0, (1 - received / sent) * 100) : 100, 3),
      setups_per_s: round(n / setupS, 1),
      rss_mb_per_call: round(rssDelta / n / 1024 / 1024, 3),
      cpu_pct_workers_total: round(cpuPct, 1),
      bridged_p50_ms: round(pct(bridged, 50)),
      bridged_p99_ms: round(pct(bridged, 99)),
      direct_p50_ms: round(pct(directLat, 50)),
      direct_p99_ms: round(pct(directLat, 99)),
      setup_failures: failures,
      measured_s: round(measuredS, 1),
    };
  } finally {
    await Promise.all(established.map((id) => bridge.endCall(id).catch(() => undefined)));
    await Promise.all(ends.map((e) => e.stop()));
    await bridge.close();
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes(ENDS_FLAG)) {
  runEnds(Number(process.argv[process.argv.indexOf(ENDS_FLAG) + 1]));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const num = (name: string, fallback: number) => Number(arg(name) ?? fallback);
  const profileDir = arg('profile');
  const result = await runMediaBench({
    calls: num('calls', 100), workers: num('workers', 1), seconds: num('seconds', 10), concurrency: num('concurrency', 20),
    ...(profileDir ? { profileDir } : {}),
  });
  console.log(JSON.stringify(result));
  process.exit(0);
}
