import { buildTelephoneEvent } from '../rtp/telephone-event.js';

/** RFC 4733 timing of one digit: 100 ms of tone in 20 ms updates, three end packets, then 60 ms of audio. */
const TONE_PACKETS = 5;
const END_REPEATS = 3;
const GAP_TICKS = 3;
const DURATION_STEP = 160; // 20 ms at the 8000 Hz telephone-event clock

export interface DtmfStep {
  payload: Buffer;
  /** First packet of an event (marker bit; a new timestamp). */
  start: boolean;
  digitIndex: number;
}

/** Yields, every 20 ms, the telephone-event payload to send (or null during the gap between digits). */
export class DtmfSender {
  private digit = 0;
  private step = 0;

  constructor(private readonly digits: string, readonly done: () => void) {}

  get finished(): boolean {
    return this.digit >= this.digits.length;
  }

  next(): DtmfStep | null {
    if (this.finished) return null;
    const d = this.digits[this.digit]!;
    const s = this.step++;
    let out: DtmfStep | null = null;
    if (s < TONE_PACKETS) out = { payload: buildTelephoneEvent(d, false, (s + 1) * DURATION_STEP), start: s === 0, digitIndex: this.digit };
    else if (s < TONE_PACKETS + END_REPEATS) out = { payload: buildTelephoneEvent(d, true, TONE_PACKETS * DURATION_STEP), start: false, digitIndex: this.digit };
    if (s + 1 >= TONE_PACKETS + END_REPEATS + GAP_TICKS) {
      this.digit++;
      this.step = 0;
      if (this.finished) this.done();
    }
    return out;
  }
}
