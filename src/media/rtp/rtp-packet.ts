/** Minimal RTP (RFC 3550) header access on raw buffers: the bridge forwards packets, it never re-encodes them. */
export const RTP_HEADER_MIN = 12;

/** RFC 5761 demultiplexing: RTCP packet types 192..223 share the port with RTP. */
export const isRtcp = (buf: Buffer): boolean => buf.length >= 2 && buf[1]! >= 192 && buf[1]! <= 223;

export const isRtp = (buf: Buffer): boolean => buf.length >= RTP_HEADER_MIN && (buf[0]! >> 6) === 2 && !isRtcp(buf);

export const rtpPayloadType = (buf: Buffer): number => buf[1]! & 0x7f;
export const rtpMarker = (buf: Buffer): boolean => (buf[1]! & 0x80) !== 0;
export const rtpSeq = (buf: Buffer): number => buf.readUInt16BE(2);
export const rtpTimestamp = (buf: Buffer): number => buf.readUInt32BE(4);
export const rtpSsrc = (buf: Buffer): number => buf.readUInt32BE(8);

/** Offset of the payload (after CSRCs and header extension), or -1 when the header is malformed. */
export function rtpPayloadOffset(buf: Buffer): number {
  if (buf.length < RTP_HEADER_MIN) return -1;
  let off = RTP_HEADER_MIN + (buf[0]! & 0x0f) * 4;
  if (buf[0]! & 0x10) {
    if (buf.length < off + 4) return -1;
    off += 4 + buf.readUInt16BE(off + 2) * 4;
  }
  return off <= buf.length ? off : -1;
}

/** The payload without padding, or null when the packet is malformed. */
export function rtpPayload(buf: Buffer): Buffer | null {
  const off = rtpPayloadOffset(buf);
  if (off < 0) return null;
  let end = buf.length;
  if (buf[0]! & 0x20) end -= buf[end - 1]!;
  return end >= off ? buf.subarray(off, end) : null;
}

export interface RtpHeaderFields {
  payloadType: number;
  marker: boolean;
  seq: number;
  timestamp: number;
  ssrc: number;
}

/** Overwrite the header of a packet in place (used to rewrite forwarded packets for each destination). */
export function writeRtpHeader(buf: Buffer, h: RtpHeaderFields): void {
  buf[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  buf.writeUInt16BE(h.seq & 0xffff, 2);
  buf.writeUInt32BE(h.timestamp >>> 0, 4);
  buf.writeUInt32BE(h.ssrc >>> 0, 8);
}

export function buildRtpPacket(h: RtpHeaderFields, payload: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(RTP_HEADER_MIN + payload.length);
  buf[0] = 0x80;
  writeRtpHeader(buf, h);
  payload.copy(buf, RTP_HEADER_MIN);
  return buf;
}
