import { createOpusDecoder } from '../audio/opus-codec.js';
import { toneLevel } from './goertzel.js';

export interface CapturedPacket {
  seq: number;
  timestamp: number;
  ssrc: number;
  payloadType: number;
  marker: boolean;
  atMs: number;
}

/** What one endpoint heard on one track: the RTP header of every packet and the decoded audio of the last seconds. */
export class AudioCapture {
  readonly packets: CapturedPacket[] = [];
  /** Payloads of packets that are not Opus (telephone-events), in order. */
  readonly otherPayloads: { payloadType: number; timestamp: number; payload: Buffer }[] = [];
  private readonly decoder = createOpusDecoder();
  private pcm: Int16Array[] = [];
  private readonly keepFrames: number;

  constructor(private readonly opusPt: number, keepMs = 3000, private readonly decode = true) {
    this.keepFrames = Math.ceil(keepMs / 20);
  }

  private closed = false;

  push(p: CapturedPacket, payload: Buffer): void {
    if (this.closed) return;
    this.packets.push(p);
    if (this.packets.length > 20000) this.packets.splice(0, 10000);
    if (p.payloadType !== this.opusPt) {
      this.otherPayloads.push({ payloadType: p.payloadType, timestamp: p.timestamp, payload: Buffer.from(payload) });
      return;
    }
    if (!this.decode) return;
    try {
      this.pcm.push(this.decoder.decode(payload));
    } catch {
      return;
    }
    if (this.pcm.length > this.keepFrames) this.pcm.shift();
  }

  /** The decoded audio of the last `ms` milliseconds received. */
  recent(ms: number): Int16Array {
    const frames = this.pcm.slice(-Math.ceil(ms / 20));
    const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
    let off = 0;
    for (const f of frames) {
      out.set(f, off);
      off += f.length;
    }
    return out;
  }

  level(hz: number, ms = 400): number {
    return toneLevel(this.recent(ms), 48000, hz);
  }

  clearAudio(): void {
    this.pcm = [];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.close();
  }
}
