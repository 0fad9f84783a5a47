/** RFC 4733 telephone-events: the digits carried as RTP payload (event, E bit, volume, duration). */
export const DTMF_EVENTS = '0123456789*#ABCD';

export interface TelephoneEvent {
  digit: string;
  end: boolean;
  volume: number;
  duration: number;
}

export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) return null;
  const digit = DTMF_EVENTS[payload[0]!];
  if (digit === undefined) return null;
  return { digit, end: (payload[1]! & 0x80) !== 0, volume: payload[1]! & 0x3f, duration: payload.readUInt16BE(2) };
}

export function buildTelephoneEvent(digit: string, end: boolean, duration: number, volume = 10): Buffer {
  const code = DTMF_EVENTS.indexOf(digit.toUpperCase());
  if (code < 0) throw new RangeError(`not a DTMF digit: ${digit}`);
  const buf = Buffer.alloc(4);
  buf[0] = code;
  buf[1] = (end ? 0x80 : 0) | (volume & 0x3f);
  buf.writeUInt16BE(Math.min(duration, 0xffff), 2);
  return buf;
}

export const isDtmfDigits = (digits: string): boolean => /^[0-9*#A-Da-d]+$/.test(digits);

/**
 * Turns the packets of RFC 4733 events into one digit each: an event is identified by its RTP timestamp, reported
 * on its first end packet (senders repeat the end packet three times), or on its start when the end is lost and a
 * new event begins.
 */
export function createDtmfDetector(onDigit: (digit: string) => void): (timestamp: number, payload: Buffer) => void {
  let current: { ts: number; digit: string; reported: boolean } | null = null;
  const reported = new Set<number>();
  return (timestamp, payload) => {
    const ev = parseTelephoneEvent(payload);
    if (!ev || reported.has(timestamp)) return;
    if (current && current.ts !== timestamp && !current.reported) {
      reported.add(current.ts);
      onDigit(current.digit);
    }
    current = { ts: timestamp, digit: ev.digit, reported: false };
    if (ev.end) {
      current.reported = true;
      reported.add(timestamp);
      if (reported.size > 64) reported.delete(reported.values().next().value!);
      onDigit(ev.digit);
    }
  };
}
