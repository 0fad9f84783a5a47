import { describe, expect, it } from 'vitest';
import { buildSenderReport, rtcpHasBye } from '../../../src/media/rtp/rtcp.js';
import { opusPacketSamples, opusPacketSamplesAt } from '../../../src/media/rtp/opus-toc.js';
import { buildRtpPacket } from '../../../src/media/rtp/rtp-packet.js';
import { readInbound } from '../../../src/media/rtp/rtp-output-stream.js';

const bye = (ssrc: number): Buffer => {
  const b = Buffer.alloc(8);
  b[0] = 0x81;
  b[1] = 203;
  b.writeUInt16BE(1, 2);
  b.writeUInt32BE(ssrc, 4);
  return b;
};

describe('RTCP BYE', () => {
  const sr = buildSenderReport({ ssrc: 5, cname: 'x', wallMs: 0, rtpTimestamp: 0, packets: 0, octets: 0 });

  it('is found alone or after other packets of a compound packet', () => {
    expect(rtcpHasBye(bye(7))).toBe(true);
    expect(rtcpHasBye(Buffer.concat([sr, bye(7)]))).toBe(true);
  });

  it('is not found in a sender report, a truncated packet or garbage', () => {
    expect(rtcpHasBye(sr)).toBe(false);
    expect(rtcpHasBye(bye(7).subarray(0, 3))).toBe(false);
    expect(rtcpHasBye(Buffer.from([0x00, 203, 0, 1, 0, 0, 0, 0]))).toBe(false);
  });
});

describe('reading a received packet', () => {
  it('reads the Opus frame size in place, as the sliced payload would', () => {
    for (const payload of [Buffer.from([0xf8, 0xff, 0xfe]), Buffer.from([0x08]), Buffer.from([0xfb, 0x03, 1, 2]), Buffer.from([0x79, 1])]) {
      const pkt = buildRtpPacket({ payloadType: 111, marker: false, seq: 1, timestamp: 1, ssrc: 1 }, payload);
      expect(opusPacketSamplesAt(pkt, 12, pkt.length)).toBe(opusPacketSamples(payload));
      const read = readInbound(pkt)!;
      expect(read.payload.equals(payload)).toBe(true);
      expect(read.samples).toBe(opusPacketSamples(payload) || 960);
    }
  });

  it('drops padding and refuses a packet without payload', () => {
    const padded = Buffer.concat([buildRtpPacket({ payloadType: 111, marker: false, seq: 1, timestamp: 1, ssrc: 1 }, Buffer.from([0xf8, 1])), Buffer.from([0, 0, 3])]);
    padded[0] = padded[0]! | 0x20;
    expect([...readInbound(padded)!.payload]).toEqual([0xf8, 1]);
    expect(readInbound(buildRtpPacket({ payloadType: 111, marker: false, seq: 1, timestamp: 1, ssrc: 1 }, Buffer.alloc(0)))).toBeNull();
  });
});
