/**
 * Media bridge benchmark: N concurrent bridged calls (customer <-> bridge workers <-> agent client) and, in the
 * same run, one direct customer <-> agent stream as the latency reference. The customer and agent ends run in this
 * process; the bridge's media runs in its worker processes, whose CPU and memory are what is reported.
 *
 *   npx tsx bench/media.ts [--calls 100] [--workers 1] [--seconds 10] [--concurrency 20]
 *
 * Prints one JSON line. Each 20 ms packet carries its send time, so one-way latency is measured end to end.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import nodeDataChannel from 'node-datachannel';
import { createMediaBridge, type MediaBridge } from '../src/media/bridge.js';
import { buildRtpPacket, isRtcp, rtpPayload } from '../src/media/rtp/rtp-packet.js';

export interface MediaBenchOptions {
  calls?: number;
  workers?: number;
  seconds?: number;
  concurrency?: number;
  /** Payload bytes per 20 ms packet (about 24 kbit/s Opus by default). */
  payloadBytes?: number;
}

export interface MediaBenchResult {
  bench: 'media';
  db: 'none';
  engine: 'node-datachannel';
  calls: number;
  workers: number;
  cpu_pct_per_call: number;
  cpu_pct_workers_total: number;
  added_p50_ms: number;
  added_p99_ms: number;
  bridged_p50_ms: number;
  bridged_p99_ms: number;
  direct_p50_ms: number;
  direct_p99_ms: number;
  loss_pct: number;
  setups_per_s: number;
  rss_mb_per_call: number;
  setup_failures: number;
  measured_s: number;
}

const MAGIC = 0x5b;
const now = (): number => performance.timeOrigin + performance.now();

/** One RTP endpoint on node-datachannel: sends a stamped packet every 20 ms, records one-way latencies. */
interface End {
  pc: nodeDataChannel.PeerConnection;
  ssrc: number;
  track: nodeDataChannel.Track | null;
  sent: number;
  received: number;
  latencies: number[];
  connected: Promise<void>;
}

function stampedPayload(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  b[0] = 0xf8; // a CELT 20 ms Opus TOC: the bridge sees an ordinary 20 ms frame
  b[1] = MAGIC;
  b.writeDoubleLE(now(), 2);
  return b;
}

function newEnd(name: string): End {
  const pc = new nodeDataChannel.PeerConnection(name, { iceServers: [], bindAddress: '127.0.0.1' });
  let resolve: () => void = () => {};
  const end: End = { pc, ssrc: Math.floor(Math.random() * 2 ** 31) + 1, track: null, sent: 0, received: 0, latencies: [], connected: new Promise((r) => (resolve = r)) };
  pc.onStateChange((s) => {
    if (s === 'connected') resolve();
  });
  return end;
}

function attach(end: End, track: nodeDataChannel.Track, measuring: () => boolean): void {
  end.track = track;
  track.onMessage((msg) => {
    try {
      if (isRtcp(msg)) return;
      const p = rtpPayload(msg);
      if (!p || p.length < 10 || p[1] !== MAGIC) return;
      const sentAt = p.readDoubleLE(2);
      if (!measuring()) return;
      end.received++;
      end.latencies.push(now() - sentAt);
    } catch {
      // never throw in a native callback
    }
  });
}

const gathered = (pc: nodeDataChannel.PeerConnection): Promise<string> => new Promise((resolve) => {
  const done = () => resolve(pc.localDescription()!.sdp);
  pc.onGatheringStateChange((s) => {
    if (s === 'complete') done();
  });
  if (pc.gatheringState() === 'complete') done();
});

/** A customer shaped like Meta's offer (Opus 111, telephone-event 126, actpass, sha-256). */
async function customerOffer(end: End, measuring: () => boolean): Promise<string> {
  const audio = new nodeDataChannel.Audio('0', 'SendRecv');
  audio.addOpusCodec(111);
  audio.addAudioCodec(126, 'telephone-event/8000');
  audio.addSSRC(end.ssrc, 'customer');
  attach(end, end.pc.addTrack(audio), measuring);
  const sdp = gathered(end.pc);
  end.pc.setLocalDescription('offer');
  return sdp;
}

/** The agent client as the browser: answers the bridge's two-section offer, speaks on the first. */
async function agentAnswer(end: End, offer: string, measuring: () => boolean): Promise<string> {
  for (const mid of ['0', '1']) {
    const audio = new nodeDataChannel.Audio(mid, mid === '0' ? 'SendRecv' : 'RecvOnly');
    audio.addOpusCodec(111);
    if (mid === '0') audio.addSSRC(end.ssrc, 'agent');
    const t = end.pc.addTrack(audio);
    if (mid === '0') attach(end, t, measuring);
  }
  const sdp = gathered(end.pc);
  end.pc.setRemoteDescription(offer, 'offer');
  return sdp;
}

function startSending(ends: End[], payloadBytes: number, measuring: () => boolean): () => void {
  const state = ends.map((e) => ({ seq: Math.floor(Math.random() * 65535), ts: Math.floor(Math.random() * 2 ** 31), ssrc: e.ssrc }));
  // Spread the ends over the 20 ms period, as independent phones would be.
  const timer = setInterval(() => {
    ends.forEach((e, i) => {
      const s = state[i]!;
      s.seq = (s.seq + 1) & 0xffff;
      s.ts = (s.ts + 960) >>> 0;
      try {
        if (e.track?.isOpen()) {
          e.track.sendMessageBinary(buildRtpPacket({ payloadType: 111, marker: false, seq: s.seq, timestamp: s.ts, ssrc: s.ssrc }, stampedPayload(payloadBytes)));
          if (measuring()) e.sent++;
        }
      } catch {
        // closing
      }
    });
  }, 20);
  return () => clearInterval(timer);
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 Hz)
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

async function setupCall(bridge: MediaBridge, i: number, measuring: () => boolean): Promise<{ customer: End; agent: End; callId: string }> {
  const callId = `wacid.bench-${i}`;
  const customer = newEnd(`customer-${i}`);
  const agent = newEnd(`agent-${i}`);
  const offer = await customerOffer(customer, measuring);
  const { sdp } = await bridge.answerProvider(callId, offer);
  customer.pc.setRemoteDescription(sdp, 'answer');
  await bridge.startProviderMedia(callId);
  const leg = await bridge.createAgentLeg(callId, 'agent', 'agent');
  await bridge.applyAgentAnswer(callId, 'agent', await agentAnswer(agent, leg.sdp, measuring));
  await bridge.connectAgent(callId, 'agent');
  await Promise.all([customer.connected, agent.connected]);
  return { customer, agent, callId };
}

export async function runMediaBench(opts: MediaBenchOptions = {}): Promise<MediaBenchResult> {
  const calls = opts.calls ?? 100;
  const workers = opts.workers ?? 1;
  const seconds = opts.seconds ?? 10;
  const concurrency = opts.concurrency ?? 20;
  const payloadBytes = opts.payloadBytes ?? 60;
  const bridge = createMediaBridge({ workers, requestTimeoutMs: 30_000 });
  if (process.env.BENCH_DEBUG) bridge.on('agentLegClosed', (e) => console.error('agentLegClosed', e));
  let measuring = false;
  const isMeasuring = () => measuring;
  const all: { customer: End; agent: End; callId: string }[] = [];
  const stops: (() => void)[] = [];
  let direct: { a: End; b: End } | null = null;
  try {
    const baseline = await bridge.workerStats();

    // Setups, `concurrency` at a time.
    const t0 = now();
    let next = 0;
    let failures = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, async () => {
      while (next < calls + failures && failures <= calls / 10) {
        const i = next++;
        try {
          all.push(await setupCall(bridge, i, isMeasuring));
        } catch (e) {
          // Counted and reported; the call is replaced so N calls run.
          failures++;
          console.error(`setup ${i} failed: ${(e as Error).message}`);
        }
      }
    }));
    const setupS = (now() - t0) / 1000;
    const established = all.length;

    // The reference: the same two kinds of endpoint connected directly.
    const a = newEnd('direct-customer');
    const b = newEnd('direct-agent');
    const offer = await customerOffer(a, isMeasuring);
    const audio = new nodeDataChannel.Audio('0', 'SendRecv');
    audio.addOpusCodec(111);
    audio.addSSRC(b.ssrc, 'direct');
    attach(b, b.pc.addTrack(audio), isMeasuring);
    const answered = gathered(b.pc);
    b.pc.setRemoteDescription(offer, 'offer');
    a.pc.setRemoteDescription(await answered, 'answer');
    await Promise.all([a.connected, b.connected]);
    direct = { a, b };

    stops.push(startSending(all.flatMap((c) => [c.customer, c.agent]), payloadBytes, isMeasuring));
    stops.push(startSending([a, b], payloadBytes, isMeasuring));

    // Warm up 1 s, then measure.
    await new Promise((r) => setTimeout(r, 1000));
    const pids = (await bridge.workerStats()).map((w) => w.pid);
    const ticks0 = pids.map(cpuTicks);
    const m0 = now();
    measuring = true;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    const measuredS = (now() - m0) / 1000;
    const ticks = pids.map((p, i) => cpuTicks(p) - ticks0[i]!);
    const steady = await bridge.workerStats();
    // Let in-flight packets land before counting loss.
    await new Promise((r) => setTimeout(r, 200));

    const bridgedLat = all.flatMap((c) => [...c.customer.latencies, ...c.agent.latencies]);
    const directLat = [...a.latencies, ...b.latencies];
    const sent = all.reduce((n, c) => n + c.customer.sent + c.agent.sent, 0);
    const received = all.reduce((n, c) => n + c.customer.received + c.agent.received, 0);
    if (process.env.BENCH_DEBUG) console.error({ custSent: all.reduce((n, c) => n + c.customer.sent, 0), custRecv: all.reduce((n, c) => n + c.customer.received, 0), agentSent: all.reduce((n, c) => n + c.agent.sent, 0), agentRecv: all.reduce((n, c) => n + c.agent.received, 0) });
    const cpuPct = (ticks.reduce((x, y) => x + y, 0) / 100 / measuredS) * 100;
    const rssDelta = steady.reduce((n, w) => n + w.rssBytes, 0) - baseline.reduce((n, w) => n + w.rssBytes, 0);
    return {
      bench: 'media', db: 'none', engine: 'node-datachannel', calls: established, workers,
      cpu_pct_per_call: round(cpuPct / established, 3),
      cpu_pct_workers_total: round(cpuPct, 1),
      added_p50_ms: round(pct(bridgedLat, 50) - pct(directLat, 50)),
      added_p99_ms: round(pct(bridgedLat, 99) - pct(directLat, 99)),
      bridged_p50_ms: round(pct(bridgedLat, 50)),
      bridged_p99_ms: round(pct(bridgedLat, 99)),
      direct_p50_ms: round(pct(directLat, 50)),
      direct_p99_ms: round(pct(directLat, 99)),
      loss_pct: round(sent > 0 ? Math.max(0, (1 - received / sent) * 100) : 100, 3),
      setups_per_s: round(established / setupS, 1),
      setup_failures: failures,
      rss_mb_per_call: round(rssDelta / established / 1024 / 1024, 3),
      measured_s: round(measuredS, 1),
    };
  } finally {
    for (const s of stops) s();
    await Promise.all(all.map((c) => bridge.endCall(c.callId).catch(() => undefined)));
    for (const e of [...all.flatMap((c) => [c.customer, c.agent]), ...(direct ? [direct.a, direct.b] : [])]) e.pc.close();
    await bridge.close();
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runMediaBench({ calls: arg('calls', 100), workers: arg('workers', 1), seconds: arg('seconds', 10), concurrency: arg('concurrency', 20) });
  console.log(JSON.stringify(result));
  process.exit(0);
}
