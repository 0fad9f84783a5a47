import { OggOpusWriter } from '../ogg/ogg-opus-writer.js';
import { opusPacketSamples } from '../rtp/opus-toc.js';

/** The caller's own packets into a mono Ogg Opus file, for at most `maxMs`. */
export class VoicemailRecorder {
  private readonly writer: OggOpusWriter;
  private readonly endsAt: number;

  constructor(readonly file: string, startMs: number, maxMs: number, serial: number) {
    this.writer = new OggOpusWriter(file, { kind: 'mono' }, serial);
    this.endsAt = startMs + maxMs;
  }

  push(opus: Buffer): void {
    const samples = opusPacketSamples(opus);
    if (samples > 0) this.writer.write(Buffer.from(opus), samples);
  }

  expired(nowMs: number): boolean {
    return nowMs >= this.endsAt;
  }

  async close(): Promise<number> {
    await this.writer.close();
    return this.writer.durationMs;
  }
}
