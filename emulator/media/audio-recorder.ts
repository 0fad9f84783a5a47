import { parseDtmfPayload } from './dtmf.js';
import { dominantFrequency, toneLevel } from './goertzel.js';
import { createOpusDecoder, FRAME_SAMPLES, SAMPLE_RATE } from './opus.js';

/** What the simulated customer heard: packet counts, stream discontinuities, DTMF, decoded PCM. */
export interface RtpLike {
  header: { payloadType: number; sequenceNumber: number; timestamp: number; ssrc: number; marker: boolean };
  payload: Buffer;
}

export interface StreamJump {
  type: 'ssrc' | 'sequence' | 'timestamp';
  at: string;
  from: number;
  to: number;
}

export interface ReceivedAudioStats {
  packets: number;
  opus_packets: number;
  dtmf_packets: number;
  other_packets: number;
  bytes: number;
  first_packet_at: string | null;
  last_packet_at: string | null;
  ssrcs: number[];
  ssrc_changes: number;
  sequence_gaps: number;
  timestamp_jumps: number;
  recent_jumps: StreamJump[];
  decode_errors: number;
  rtcp_sender_reports: number;
  dtmf_digits: string;
  buffered_ms: number;
}

export interface AudioRecorder {
  onRtp(packet: RtpLike): void;
  onSenderReport(): void;
  stats(): ReceivedAudioStats;
  /** The last `ms` of decoded PCM (48 kHz mono). */
  recentPcm(ms: number): Int16Array;
  dominantFrequencyHz(windowMs?: number): number | null;
  toneLevel(freq: number, windowMs?: number): number;
  close(): void;
  /** Frees the PCM buffer (the counters stay). */
  releasePcm(): void;
}

export function createAudioRecorder(opts: { now: () => number; keepSeconds?: number; decode?: boolean }): AudioRecorder {
  const decode = opts.decode ?? true;
  const decoder = createOpusDecoder();
  let capacity = decode ? Math.max(1, opts.keepSeconds ?? 10) * SAMPLE_RATE : 1;
  let ring = new Int16Array(capacity);
  let write = 0;
  let filled = 0;
  const s = {
    packets: 0,
    opus: 0,
    dtmf: 0,
    other: 0,
    bytes: 0,
    first: undefined as number | undefined,
    last: undefined as number | undefined,
    ssrcs: [] as number[],
    ssrcChanges: 0,
    sequenceGaps: 0,
    timestampJumps: 0,
    jumps: [] as StreamJump[],
    decodeErrors: 0,
    senderReports: 0,
    digits: '',
  };
  let lastSsrc: number | undefined;
  let lastSeq: number | undefined;
  let lastOpusTs: number | undefined;
  let lastOpusSeq: number | undefined;
  let lastDtmfEndTs: number | undefined;

  const jump = (type: StreamJump['type'], from: number, to: number) => {
    s.jumps.push({ type, at: new Date(opts.now()).toISOString(), from, to });
    if (s.jumps.length > 20) s.jumps.shift();
  };

  function pushPcm(pcm: Int16Array) {
    for (let i = 0; i < pcm.length; i++) {
      ring[write] = pcm[i]!;
      write = (write + 1) % capacity;
    }
    filled = Math.min(capacity, filled + pcm.length);
  }

  function recentPcm(ms: number): Int16Array {
    const n = Math.min(filled, Math.floor((ms / 1000) * SAMPLE_RATE));
    const out = new Int16Array(n);
    const start = (write - n + capacity) % capacity;
    for (let i = 0; i < n; i++) out[i] = ring[(start + i) % capacity]!;
    return out;
  }

  return {
    onRtp(packet) {
      const { header, payload } = packet;
      const now = opts.now();
      s.packets++;
      s.bytes += payload.length;
      s.first ??= now;
      s.last = now;
      if (!s.ssrcs.includes(header.ssrc)) s.ssrcs.push(header.ssrc);
      if (lastSsrc !== undefined && header.ssrc !== lastSsrc) {
        s.ssrcChanges++;
        jump('ssrc', lastSsrc, header.ssrc);
        lastSeq = undefined;
        lastOpusTs = undefined;
        lastOpusSeq = undefined;
      }
      lastSsrc = header.ssrc;
      if (lastSeq !== undefined && header.sequenceNumber !== ((lastSeq + 1) & 0xffff)) {
        s.sequenceGaps++;
        jump('sequence', lastSeq, header.sequenceNumber);
      }
      lastSeq = header.sequenceNumber;

      if (header.payloadType === 111) {
        s.opus++;
        if (lastOpusTs !== undefined && lastOpusSeq !== undefined) {
          const seqDelta = (header.sequenceNumber - lastOpusSeq) & 0xffff;
          const tsDelta = (header.timestamp - lastOpusTs) | 0;
          if (tsDelta < 0 || tsDelta > seqDelta * FRAME_SAMPLES + SAMPLE_RATE) {
            s.timestampJumps++;
            jump('timestamp', lastOpusTs, header.timestamp);
          }
        }
        lastOpusTs = header.timestamp;
        lastOpusSeq = header.sequenceNumber;
        if (decode) {
          const pcm = decoder.decode(payload);
          if (pcm) pushPcm(pcm);
          else s.decodeErrors++;
        }
      } else if (header.payloadType === 126) {
        s.dtmf++;
        const event = parseDtmfPayload(payload);
        if (event?.end && lastDtmfEndTs !== header.timestamp) {
          s.digits += event.digit;
          lastDtmfEndTs = header.timestamp;
        }
      } else {
        s.other++;
      }
    },
    onSenderReport() {
      s.senderReports++;
    },
    stats() {
      return {
        packets: s.packets,
        opus_packets: s.opus,
        dtmf_packets: s.dtmf,
        other_packets: s.other,
        bytes: s.bytes,
        first_packet_at: s.first === undefined ? null : new Date(s.first).toISOString(),
        last_packet_at: s.last === undefined ? null : new Date(s.last).toISOString(),
        ssrcs: [...s.ssrcs],
        ssrc_changes: s.ssrcChanges,
        sequence_gaps: s.sequenceGaps,
        timestamp_jumps: s.timestampJumps,
        recent_jumps: [...s.jumps],
        decode_errors: s.decodeErrors,
        rtcp_sender_reports: s.senderReports,
        dtmf_digits: s.digits,
        buffered_ms: Math.round((filled / SAMPLE_RATE) * 1000),
      };
    },
    recentPcm,
    dominantFrequencyHz: (windowMs = 500) => dominantFrequency(recentPcm(windowMs), SAMPLE_RATE),
    toneLevel: (freq, windowMs = 500) => toneLevel(recentPcm(windowMs), SAMPLE_RATE, freq),
    close: () => decoder.close(),
    releasePcm() {
      capacity = 1;
      ring = new Int16Array(1);
      write = 0;
      filled = 0;
    },
  };
}
