import { createWriteStream, type WriteStream } from 'node:fs';
import { buildOggPage, segmentsFor } from './ogg-pages.js';
import { buildOpusHead, buildOpusTags } from './opus-head.js';

export type OggOpusLayout = { kind: 'mono' } | { kind: 'stereo-two-streams' };

/**
 * Streams Opus packets into an Ogg Opus file. 'stereo-two-streams' is channel mapping family 1 with two uncoupled
 * mono streams (left, right): each packet written must already be a multistream packet.
 */
export class OggOpusWriter {
  private readonly out: WriteStream;
  private readonly serial: number;
  private seq = 0;
  private granule = 0n;
  private pending: Buffer[] = [];
  private pendingSegments = 0;
  private closed = false;
  private failed: Error | null = null;
  samples = 0;

  constructor(file: string, layout: OggOpusLayout, serial: number) {
    this.serial = serial;
    this.out = createWriteStream(file);
    this.out.on('error', (e) => {
      this.failed = e;
    });
    const head = layout.kind === 'mono'
      ? buildOpusHead({ channels: 1 })
      : buildOpusHead({ channels: 2, mapping: { streams: 2, coupled: 0, table: [0, 1] } });
    this.writePage(0x02, 0n, [head]);
    this.writePage(0, 0n, [buildOpusTags('switchboard media bridge')]);
  }

  write(packet: Buffer, samples: number): void {
    if (this.closed) return;
    const segs = segmentsFor(packet);
    if (this.pendingSegments + segs > 255) this.flush();
    this.pending.push(packet);
    this.pendingSegments += segs;
    this.samples += samples;
    this.granule += BigInt(samples);
    // About one page per second of 20 ms frames keeps pages small and the file readable while it grows.
    if (this.pending.length >= 50) this.flush();
  }

  /** Writes the last page (end of stream) and closes the file. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.writePage(0x04, this.granule, this.pending);
    this.pending = [];
    return new Promise((resolve, reject) => {
      if (this.failed) {
        reject(this.failed);
        return;
      }
      this.out.end(() => (this.failed ? reject(this.failed) : resolve()));
    });
  }

  get durationMs(): number {
    return Math.round(this.samples / 48);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.writePage(0, this.granule, this.pending);
    this.pending = [];
    this.pendingSegments = 0;
  }

  private writePage(headerType: number, granule: bigint, packets: Buffer[]): void {
    this.out.write(buildOggPage({ headerType, granule, serial: this.serial, sequence: this.seq++, packets }));
  }
}
