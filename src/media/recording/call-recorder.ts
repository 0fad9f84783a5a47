import { OggOpusWriter } from '../ogg/ogg-opus-writer.js';
import { toSelfDelimited } from '../ogg/opus-self-delimit.js';
import { OPUS_SILENCE_20MS, opusPacketSamples, SAMPLES_PER_20MS } from '../rtp/opus-toc.js';

/**
 * One stereo Ogg Opus file per call without transcoding: channel mapping family 1, two uncoupled mono streams,
 * caller on the left, what the caller hears from us (agent, prompts, music) on the right. Every 20 ms one
 * multistream packet is written from the next queued frame of each side, silence when a side sent nothing.
 */
export class CallRecorder {
  private readonly writer: OggOpusWriter;
  private readonly queues: [Buffer[], Buffer[]] = [[], []];
  private dueAt: number;

  constructor(readonly file: string, startMs: number, serial: number) {
    this.writer = new OggOpusWriter(file, { kind: 'stereo-two-streams' }, serial);
    this.dueAt = startMs + 20;
  }

  pushCaller(opus: Buffer): void {
    this.push(0, opus);
  }

  pushAgentSide(opus: Buffer): void {
    this.push(1, opus);
  }

  tick(nowMs: number): void {
    if (nowMs - this.dueAt > 500) this.dueAt = nowMs; // a stalled loop loses time rather than bursting
    while (nowMs >= this.dueAt) {
      this.writeFrame();
      this.dueAt += 20;
    }
  }

  async close(): Promise<number> {
    await this.writer.close();
    return this.writer.durationMs;
  }

  private push(side: 0 | 1, opus: Buffer): void {
    const q = this.queues[side];
    // Only 20 ms frames keep both streams aligned; anything else is recorded as silence.
    q.push(opusPacketSamples(opus) === SAMPLES_PER_20MS ? Buffer.from(opus) : OPUS_SILENCE_20MS);
    if (q.length > 5) q.shift();
  }

  private writeFrame(): void {
    const left = this.queues[0].shift() ?? OPUS_SILENCE_20MS;
    const right = this.queues[1].shift() ?? OPUS_SILENCE_20MS;
    const first = toSelfDelimited(left) ?? toSelfDelimited(OPUS_SILENCE_20MS)!;
    this.writer.write(Buffer.concat([first, right]), SAMPLES_PER_20MS);
  }
}
