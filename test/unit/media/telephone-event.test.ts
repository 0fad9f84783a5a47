import { describe, expect, it } from 'vitest';
import { buildTelephoneEvent, createDtmfDetector, isDtmfDigits, parseTelephoneEvent } from '../../../src/media/rtp/telephone-event.js';
import { DtmfSender } from '../../../src/media/worker/dtmf-sender.js';

describe('RFC 4733 telephone-events', () => {
  it('round-trips a digit', () => {
    expect(parseTelephoneEvent(buildTelephoneEvent('#', true, 800))).toEqual({ digit: '#', end: true, volume: 10, duration: 800 });
    expect(parseTelephoneEvent(Buffer.from([99, 0, 0, 0]))).toBeNull();
    expect(isDtmfDigits('12*#AD')).toBe(true);
    expect(isDtmfDigits('12x')).toBe(false);
  });

  it('reports each event once although its end packet comes three times', () => {
    const digits: string[] = [];
    const detect = createDtmfDetector((d) => digits.push(d));
    for (const [ts, d, end] of [[100, '1', false], [100, '1', false], [100, '1', true], [100, '1', true], [100, '1', true], [900, '2', true], [900, '2', true]] as const) {
      detect(ts, buildTelephoneEvent(d, end, 160));
    }
    expect(digits).toEqual(['1', '2']);
  });

  it('reports an event whose end packets were all lost when the next one starts', () => {
    const digits: string[] = [];
    const detect = createDtmfDetector((d) => digits.push(d));
    detect(100, buildTelephoneEvent('7', false, 160));
    detect(2000, buildTelephoneEvent('8', false, 160));
    detect(2000, buildTelephoneEvent('8', true, 800));
    expect(digits).toEqual(['7', '8']);
  });

  it('sends 5 updates and 3 end packets per digit, then a gap', () => {
    let done = false;
    const sender = new DtmfSender('4', () => {
      done = true;
    });
    const steps = Array.from({ length: 11 }, () => sender.next());
    const packets = steps.filter((s) => s !== null);
    expect(packets).toHaveLength(8);
    expect(packets[0]!.start).toBe(true);
    expect(packets.slice(1).every((p) => !p.start)).toBe(true);
    expect(packets.map((p) => parseTelephoneEvent(p.payload)!.end)).toEqual([false, false, false, false, false, true, true, true]);
    expect(done).toBe(true);
    expect(sender.finished).toBe(true);
  });
});
