import { opusPacketSamples, opusPacketSamplesAt } from './opus-toc.js';
import { buildRtpPacket, rtpPayloadOffset, writeRtpHeader } from './rtp-packet.js';

/**
 * A received RTP packet with its original header fields read once. The payload is only sliced out when something
 * needs it (recording, DTMF, barge): plain forwarding rewrites the header and sends the same buffer on.
 */
export class InboundPacket {
  constructor(
    readonly buf: Buffer,
    private readonly start: number,
    private readonly end: number,
    readonly payloadType: number,
    readonly seq: number,
    readonly timestamp: number,
    readonly samples: number,
  ) {}

  get payload(): Buffer {
    return this.buf.subarray(this.start, this.end);
  }
}

export function readInbound(buf: Buffer): InboundPacket | null {
  const start = rtpPayloadOffset(buf);
  if (start < 0) return null;
  const end = buf[0]! & 0x20 ? buf.length - buf[buf.length - 1]! : buf.length;
  if (end <= start) return null;
  return new InboundPacket(buf, start, end, buf[1]! & 0x7f, buf.readUInt16BE(2), buf.readUInt32BE(4), opusPacketSamplesAt(buf, start, end) || 960);
}

export interface SentPacket {
  buf: Buffer;
  seq: number;
  timestamp: number;
}

/**
 * One outgoing RTP stream with our own SSRC. Packets from several sources (a forwarded leg, a prompt, silence,
 * DTMF) go out with continuous sequence numbers and timestamps: at every switch of source the stream re-anchors
 * so the receiver sees the next sequence number and a timestamp advanced by the wall-clock time elapsed. Inside a
 * run of one forwarded source, the source's own gaps are kept (offset mapping).
 */
export class RtpOutputStream {
  readonly ssrc: number;
  payloadType: number;
  private seq: number;
  private ts: number;
  private lastSamples = 960;
  private lastSource = '';
  private lastWallMs = -1;
  private seqOffset = 0;
  private tsOffset = 0;
  packets = 0;
  bytes = 0;
  lastSentAtMs = -1;
  /** When the next filler frame is due if nothing real was sent; see `fillerDue`. */
  private fillDueAt = 0;
  private eventTs = 0;
  private eventWallMs = 0;
  private eventSource: string | null = null;

  constructor(opts: { ssrc: number; payloadType: number; initialSeq: number; initialTs: number }) {
    this.ssrc = opts.ssrc;
    this.payloadType = opts.payloadType;
    this.seq = (opts.initialSeq - 1) & 0xffff;
    this.ts = (opts.initialTs - 960) >>> 0;
  }

  /**
   * Rewrite a received packet in place for this stream and return it; send it before forwarding the same buffer
   * to another stream. The original header fields come from `pkt` because the buffer may already be rewritten.
   */
  forward(source: string, pkt: InboundPacket, nowMs: number): Buffer | null {
    const { buf, seq: inSeq, timestamp: inTs } = pkt;
    if (source !== this.lastSource) {
      const ts = this.anchorTs(nowMs);
      this.seqOffset = ((this.seq + 1) - inSeq) & 0xffff;
      this.tsOffset = (ts - inTs) >>> 0;
    }
    const seq = (inSeq + this.seqOffset) & 0xffff;
    const ts = (inTs + this.tsOffset) >>> 0;
    // A late packet from before the switch would go backwards; drop it rather than confuse the receiver.
    if (source === this.lastSource && seqDelta(seq, this.seq) <= 0) return null;
    const marker = source !== this.lastSource;
    writeRtpHeader(buf, { payloadType: this.payloadType, marker, seq, timestamp: ts, ssrc: this.ssrc });
    this.commit(source, seq, ts, pkt.samples, buf.length, nowMs);
    this.fillDueAt = nowMs + 60;
    return buf;
  }

  /** A generated frame (silence, prompt, mix). `source` distinguishes generators so a switch re-anchors. */
  generate(source: string, payload: Buffer, nowMs: number, opts: { samples?: number; payloadType?: number; fixedTs?: number; marker?: boolean } = {}): SentPacket {
    const samples = opts.samples ?? (opusPacketSamples(payload) || 960);
    const switched = source !== this.lastSource;
    const ts = opts.fixedTs ?? (switched ? this.anchorTs(nowMs) : (this.ts + this.lastSamples) >>> 0);
    const seq = (this.seq + 1) & 0xffff;
    const buf = buildRtpPacket({ payloadType: opts.payloadType ?? this.payloadType, marker: opts.marker ?? switched, seq, timestamp: ts, ssrc: this.ssrc }, payload);
    this.commit(source, seq, ts, samples, buf.length, nowMs);
    return { buf, seq, timestamp: ts };
  }

  /**
   * A telephone-event packet: every packet of one event carries the event's start timestamp; `start` begins a new
   * event. Audio after the event continues from the wall-clock time elapsed since the event started.
   */
  generateEvent(source: string, payload: Buffer, payloadType: number, start: boolean, nowMs: number): SentPacket {
    // Only the first packet of an event takes a new timestamp: audio forwarded between the event's packets (an agent
    // talking over the dial pad) must not split one digit into several (receivers key digits on the timestamp).
    if (start || source !== this.eventSource) {
      this.eventSource = source;
      this.eventTs = this.anchorTs(nowMs);
      this.eventWallMs = nowMs;
    }
    const seq = (this.seq + 1) & 0xffff;
    const buf = buildRtpPacket({ payloadType, marker: start, seq, timestamp: this.eventTs, ssrc: this.ssrc }, payload);
    this.commit(source, seq, (this.eventTs + Math.round((nowMs - this.eventWallMs) * 48)) >>> 0, 0, buf.length, nowMs);
    this.fillDueAt = nowMs + 60;
    return { buf, seq, timestamp: this.eventTs };
  }

  /** The timestamp of the last packet sent. */
  get lastTimestamp(): number {
    return this.ts;
  }

  get currentSource(): string {
    return this.lastSource;
  }

  /** When `fillerDue` will next say yes, unless a real packet goes out first. */
  get fillerDueAt(): number {
    return this.fillDueAt;
  }

  /** True when nothing real was sent for 60 ms and a filler frame is due (then every 20 ms). */
  fillerDue(nowMs: number): boolean {
    if (nowMs < this.fillDueAt) return false;
    this.fillDueAt = nowMs - this.fillDueAt > 100 ? nowMs + 20 : this.fillDueAt + 20;
    return true;
  }

  /** Postpone filler frames (a generator is sending on its own cadence). */
  holdFiller(nowMs: number): void {
    this.fillDueAt = nowMs + 60;
  }

  private anchorTs(nowMs: number): number {
    if (this.lastWallMs < 0) return (this.ts + 960) >>> 0;
    const elapsed = Math.round((nowMs - this.lastWallMs) * 48);
    return (this.ts + Math.max(this.lastSamples, elapsed)) >>> 0;
  }

  private commit(source: string, seq: number, ts: number, samples: number, bytes: number, nowMs: number): void {
    this.lastSource = source;
    this.seq = seq;
    this.ts = ts;
    this.lastSamples = samples;
    this.lastWallMs = nowMs;
    this.lastSentAtMs = nowMs;
    this.packets++;
    this.bytes += bytes;
  }
}

/** Signed distance a - b in 16-bit sequence space. */
export function seqDelta(a: number, b: number): number {
  const d = (a - b) & 0xffff;
  return d >= 0x8000 ? d - 0x10000 : d;
}
