import type { InboundStats } from './inbound-stats.js';
import type { RtpOutputStream } from './rtp-output-stream.js';

/** RTCP sender report + SDES CNAME (RFC 3550 §6.4.1, §6.5): keeps the far end's RTCP timeout from firing. */
export interface SenderReportInput {
  ssrc: number;
  cname: string;
  wallMs: number;
  rtpTimestamp: number;
  packets: number;
  octets: number;
  /** The stream we receive, reported in one block (extended highest sequence number only). */
  remote?: { ssrc: number; highestSeq: number; cycles: number; lost: number };
}

const NTP_EPOCH_OFFSET_S = 2_208_988_800;

export function buildSenderReport(r: SenderReportInput): Buffer {
  const blocks = r.remote ? 1 : 0;
  const srLen = 28 + blocks * 24;
  const cname = Buffer.from(r.cname.slice(0, 255), 'utf8');
  const sdesItemsLen = 2 + cname.length + 1; // CNAME item + END
  const sdesLen = 8 + Math.ceil(sdesItemsLen / 4) * 4;
  const buf = Buffer.alloc(srLen + sdesLen);
  buf[0] = 0x80 | blocks;
  buf[1] = 200;
  buf.writeUInt16BE(srLen / 4 - 1, 2);
  buf.writeUInt32BE(r.ssrc >>> 0, 4);
  const secs = Math.floor(r.wallMs / 1000);
  buf.writeUInt32BE((secs + NTP_EPOCH_OFFSET_S) >>> 0, 8);
  buf.writeUInt32BE(Math.floor(((r.wallMs % 1000) / 1000) * 0x1_0000_0000) >>> 0, 12);
  buf.writeUInt32BE(r.rtpTimestamp >>> 0, 16);
  buf.writeUInt32BE(r.packets >>> 0, 20);
  buf.writeUInt32BE(r.octets >>> 0, 24);
  if (r.remote) {
    buf.writeUInt32BE(r.remote.ssrc >>> 0, 28);
    buf.writeUInt32BE(Math.min(Math.max(r.remote.lost, 0), 0x7fffff), 32);
    buf.writeUInt32BE(((r.remote.cycles << 16) | r.remote.highestSeq) >>> 0, 36);
  }
  const s = srLen;
  buf[s] = 0x81;
  buf[s + 1] = 202;
  buf.writeUInt16BE(sdesLen / 4 - 1, s + 2);
  buf.writeUInt32BE(r.ssrc >>> 0, s + 4);
  buf[s + 8] = 1;
  buf[s + 9] = cname.length;
  cname.copy(buf, s + 10);
  return buf;
}

/** True when a (compound) RTCP packet contains a BYE (RFC 3550 §6.6): the sender is leaving the session. */
export function rtcpHasBye(buf: Buffer): boolean {
  let off = 0;
  while (off + 4 <= buf.length) {
    if (buf[off]! >> 6 !== 2) return false;
    if (buf[off + 1] === 203) return true;
    off += (buf.readUInt16BE(off + 2) + 1) * 4;
  }
  return false;
}

/** Our sender report for an outgoing stream, with a report block on the stream we receive once it has started. */
export function senderReportFor(out: RtpOutputStream, cname: string, wallMs: number, inbound: InboundStats): Buffer {
  return buildSenderReport({
    ssrc: out.ssrc, cname, wallMs, rtpTimestamp: out.lastTimestamp, packets: out.packets, octets: out.bytes,
    ...(inbound.packets > 0 ? { remote: { ssrc: inbound.ssrc, highestSeq: inbound.highestSeq, cycles: inbound.cycles, lost: inbound.lost } } : {}),
  });
}
