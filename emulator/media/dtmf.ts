/** RFC 4733 telephone-event payloads (4 bytes: event, E|R|volume, duration). */
const EVENTS = '0123456789*#ABCD';

export const isDtmfDigit = (c: string): boolean => EVENTS.includes(c.toUpperCase()) && c.length === 1;

export function dtmfPayload(digit: string, end: boolean, duration: number, volume = 10): Buffer {
  const event = EVENTS.indexOf(digit.toUpperCase());
  if (event < 0) throw new RangeError(`Not a DTMF digit: ${digit}`);
  const out = Buffer.alloc(4);
  out[0] = event;
  out[1] = (end ? 0x80 : 0) | (volume & 0x3f);
  out.writeUInt16BE(Math.min(duration, 0xffff), 2);
  return out;
}

export function parseDtmfPayload(payload: Buffer): { digit: string; end: boolean; duration: number } | undefined {
  if (payload.length < 4) return undefined;
  const digit = EVENTS[payload[0]!];
  if (!digit) return undefined;
  return { digit, end: (payload[1]! & 0x80) !== 0, duration: payload.readUInt16BE(2) };
}
