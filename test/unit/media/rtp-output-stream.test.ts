import { describe, expect, it } from 'vitest';
import { OPUS_SILENCE_20MS } from '../../../src/media/rtp/opus-toc.js';
import { buildRtpPacket, rtpMarker, rtpSeq, rtpSsrc, rtpTimestamp } from '../../../src/media/rtp/rtp-packet.js';
import { readInbound, RtpOutputStream, seqDelta } from '../../../src/media/rtp/rtp-output-stream.js';

const inbound = (ssrc: number, seq: number, ts: number) => readInbound(buildRtpPacket({ payloadType: 111, marker: false, seq, timestamp: ts, ssrc }, OPUS_SILENCE_20MS))!;

describe('RtpOutputStream', () => {
  it('rewrites SSRC, sequence and timestamp so source switches are invisible', () => {
    const out = new RtpOutputStream({ ssrc: 42, payloadType: 111, initialSeq: 65534, initialTs: 4294967000 });
    const sent: Buffer[] = [];
    let now = 1000;
    // Silence, then agent A, then hold music, then agent B with wildly different numbering.
    for (let i = 0; i < 3; i++, now += 20) sent.push(out.generate('silence', OPUS_SILENCE_20MS, now).buf);
    for (let i = 0; i < 3; i++, now += 20) sent.push(Buffer.from(out.forward('agent:a', inbound(7, 100 + i, 5000 + i * 960), now)!));
    for (let i = 0; i < 3; i++, now += 20) sent.push(out.generate('clip:music', OPUS_SILENCE_20MS, now).buf);
    now += 500; // a pause while nobody sent anything
    for (let i = 0; i < 3; i++, now += 20) sent.push(Buffer.from(out.forward('agent:b', inbound(9, 40000 + i, 123 + i * 960), now)!));
    expect(sent.every((b) => rtpSsrc(b) === 42)).toBe(true);
    for (let i = 1; i < sent.length; i++) expect(seqDelta(rtpSeq(sent[i]!), rtpSeq(sent[i - 1]!))).toBe(1);
    const steps = sent.slice(1).map((b, i) => (rtpTimestamp(b) - rtpTimestamp(sent[i]!)) >>> 0);
    expect(steps.slice(0, 8)).toEqual(Array(8).fill(960));
    expect(steps[8]).toBe((520) * 48); // the 500 ms pause plus one frame
    expect(steps.slice(9)).toEqual([960, 960]);
    // The first packet of each new source carries the marker bit.
    expect(sent.map((b) => rtpMarker(b))).toEqual([true, false, false, true, false, false, true, false, false, true, false, false]);
  });

  it('keeps a forwarded source\'s own gaps and drops packets that would go backwards', () => {
    const out = new RtpOutputStream({ ssrc: 1, payloadType: 111, initialSeq: 10, initialTs: 0 });
    const a = Buffer.from(out.forward('s', inbound(5, 200, 1000), 0)!);
    const b = Buffer.from(out.forward('s', inbound(5, 202, 1000 + 1920), 40)!);
    expect(seqDelta(rtpSeq(b), rtpSeq(a))).toBe(2);
    expect(rtpTimestamp(b) - rtpTimestamp(a)).toBe(1920);
    expect(out.forward('s', inbound(5, 201, 1960), 41)).toBeNull();
  });

  it('fills gaps: a filler is due 60 ms after the last real packet, then every 20 ms', () => {
    const out = new RtpOutputStream({ ssrc: 1, payloadType: 111, initialSeq: 1, initialTs: 0 });
    out.forward('agent', inbound(5, 1, 0), 1000);
    expect(out.fillerDue(1050)).toBe(false);
    expect(out.fillerDue(1060)).toBe(true);
    expect(out.fillerDue(1070)).toBe(false);
    expect(out.fillerDue(1080)).toBe(true);
  });

  it('sends a telephone-event with one timestamp for all its packets, then continues in wall-clock time', () => {
    const out = new RtpOutputStream({ ssrc: 1, payloadType: 111, initialSeq: 1, initialTs: 0 });
    const first = out.generate('silence', OPUS_SILENCE_20MS, 0);
    const e1 = out.generateEvent('dtmf:0', Buffer.alloc(4), 126, true, 20);
    const e2 = out.generateEvent('dtmf:0', Buffer.alloc(4), 126, false, 40);
    const after = out.generate('silence', OPUS_SILENCE_20MS, 200);
    expect(e1.timestamp).toBe(first.timestamp + 960);
    expect(e2.timestamp).toBe(e1.timestamp);
    expect(after.timestamp - e1.timestamp).toBe(180 * 48);
    expect(after.seq - first.seq).toBe(3);
  });
});
