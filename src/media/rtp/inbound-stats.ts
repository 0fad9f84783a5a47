import { seqDelta } from './rtp-output-stream.js';

/** Receive-side counters of one RTP stream: packets, bytes, last arrival, highest sequence number and loss. */
export class InboundStats {
  packets = 0;
  bytes = 0;
  lastAtMs = -1;
  ssrc = 0;
  highestSeq = -1;
  cycles = 0;
  private baseSeq = -1;

  record(ssrc: number, seq: number, bytes: number, nowMs: number): void {
    this.packets++;
    this.bytes += bytes;
    this.lastAtMs = nowMs;
    if (ssrc !== this.ssrc) {
      this.ssrc = ssrc;
      this.highestSeq = seq;
      this.baseSeq = seq;
      this.cycles = 0;
      return;
    }
    const d = seqDelta(seq, this.highestSeq);
    if (d > 0) {
      if (seq < this.highestSeq) this.cycles++;
      this.highestSeq = seq;
    }
  }

  /** Packets expected minus packets received since the stream (re)started; negative with duplicates. */
  get lost(): number {
    if (this.baseSeq < 0) return 0;
    const expected = this.cycles * 65536 + this.highestSeq - this.baseSeq + 1;
    return expected - this.packets;
  }
}
