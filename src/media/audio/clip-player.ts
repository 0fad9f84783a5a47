import { opusPacketSamples } from '../rtp/opus-toc.js';
import type { OpusClip } from './opus-file-cache.js';

/** Paces the packets of a clip in real time: each packet is due when the previous one's duration has elapsed. */
export class ClipPlayer {
  private index = 0;
  private dueAt: number;
  finished = false;

  constructor(private readonly clip: OpusClip, private readonly loop: boolean, startMs: number) {
    this.dueAt = startMs;
  }

  /** Packets due by `nowMs` (usually zero or one per 10 ms tick). */
  due(nowMs: number): Buffer[] {
    const out: Buffer[] = [];
    if (nowMs - this.dueAt > 200) this.dueAt = nowMs; // we stalled; do not burst
    while (!this.finished && nowMs >= this.dueAt) {
      const pkt = this.clip.packets[this.index]!;
      out.push(pkt);
      this.dueAt += (opusPacketSamples(pkt) || 960) / 48;
      this.index++;
      if (this.index >= this.clip.packets.length) {
        if (this.loop) this.index = 0;
        else this.finished = true;
      }
    }
    return out;
  }
}
