import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtcpSrPacket,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import type { Logger } from '../logger.js';
import { sdpHash, setupRole, toMetaSdp } from '../sdp.js';
import type { AudioSourceSpec } from '../state/types.js';
import { createAudioRecorder, type AudioRecorder } from './audio-recorder.js';
import { encodedLoop } from './audio-source.js';
import { dtmfPayload, isDtmfDigit } from './dtmf.js';
import { FRAME_MS, FRAME_SAMPLES } from './opus.js';

/**
 * The simulated customer's WhatsApp media leg, played by werift the way Meta's relay behaves:
 * ICE-lite (so always ICE-controlled), DTLS-SRTP, one audio m-line with Opus 111 and
 * telephone-event 126, host candidates on the media address.
 */
export interface CustomerMediaOptions {
  callId: string;
  mediaAddress: string;
  audio: AudioSourceSpec;
  /** The emulator clock, for the timestamps the recorder keeps. */
  now: () => number;
  logger: Logger;
  keepSeconds?: number;
  /** Decode received Opus (needed for tone analysis; costs ~0.6 ms CPU per packet). */
  decode?: boolean;
  /** Each business RTP packet ('rtp') or RTCP sender report ('rtcp'). */
  onMediaSignal: (kind: 'rtp' | 'rtcp') => void;
  onConnectionState?: (state: string) => void;
}

export interface SentAudioStats {
  source: AudioSourceSpec;
  sending: boolean;
  packets: number;
  dtmf_digits_sent: string;
}

export interface CustomerMedia {
  readonly recorder: AudioRecorder;
  /** User-initiated call: the customer's offer, in Meta's SDP shape. */
  createOffer(): Promise<string>;
  applyAnswer(sdp: string): Promise<void>;
  /** Business-initiated call: the customer's answer to the business offer, in Meta's shape. */
  answerOffer(offer: string): Promise<string>;
  connectionState(): string;
  startSending(): void;
  stopSending(): void;
  sendDtmf(digits: string): void;
  sent(): SentAudioStats;
  close(): Promise<void>;
}

const codecs = () => ({
  audio: [
    new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111 }),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8_000, channels: 1, payloadType: 126 }),
  ],
});

/** A queued telephone-event packet; all packets of one event share `event.ts`, fixed when the first is sent. */
type Outgoing = { kind: 'dtmf'; payload: Buffer; marker: boolean; event: { ts?: number }; digit?: string } | { kind: 'gap' };

export function createCustomerMedia(opts: CustomerMediaOptions): CustomerMedia {
  const pc = new RTCPeerConnection({
    iceLite: true,
    codecs: codecs(),
    headerExtensions: { audio: [] },
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [opts.mediaAddress],
  });
  const track = new MediaStreamTrack({ kind: 'audio' });
  const transceiver: RTCRtpTransceiver = pc.addTransceiver(track, { direction: 'sendrecv' });
  const recorder = createAudioRecorder({ now: opts.now, keepSeconds: opts.keepSeconds, decode: opts.decode ?? true });
  const loop = encodedLoop(opts.audio);
  let subscribed = false;
  let closed = false;
  let interval: ReturnType<typeof setInterval> | undefined;
  let seq = Math.floor(Math.random() * 0x7fff);
  let ts = Math.floor(Math.random() * 0x7fffffff);
  let loopIndex = 0;
  let packetsSent = 0;
  let firstPacket = true;
  let digitsSent = '';
  const queue: Outgoing[] = [];

  pc.connectionStateChange.subscribe((state) => {
    opts.logger.debug({ callId: opts.callId, state }, 'customer media connection state');
    opts.onConnectionState?.(state);
  });

  function subscribeIncoming(): void {
    if (subscribed) return;
    const dtls = transceiver.dtlsTransport;
    if (!dtls) return;
    subscribed = true;
    // Straight from the transport, so a new SSRC mid-call is seen rather than dropped by the SSRC router.
    dtls.onRtp.subscribe((rtp) => {
      if (closed) return;
      opts.onMediaSignal('rtp');
      recorder.onRtp(rtp);
    });
    dtls.onRtcp.subscribe((rtcp) => {
      if (closed || rtcp.type !== RtcpSrPacket.type) return;
      recorder.onSenderReport();
      opts.onMediaSignal('rtcp');
    });
  }

  async function gathered(): Promise<void> {
    if (pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          unSubscribe();
          resolve();
        }
      });
    });
  }

  function send(payload: Buffer, payloadType: number, timestamp: number, marker: boolean): void {
    const sender = transceiver.sender;
    const header = new RtpHeader({ sequenceNumber: seq, timestamp: timestamp >>> 0, payloadType, marker });
    seq = (seq + 1) & 0xffff;
    if (payloadType === 111) {
      void sender.sendRtp(new RtpPacket(header, payload));
      return;
    }
    // werift stamps the negotiated codec's payload type; swap in telephone-event for this one packet.
    const opus = sender.codec;
    const te = transceiver.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/telephone-event');
    if (!te) return;
    sender.codec = te;
    void sender.sendRtp(new RtpPacket(header, payload));
    sender.codec = opus;
  }

  function tick(): void {
    const item = queue.shift();
    if (item?.kind === 'dtmf') {
      item.event.ts ??= ts;
      send(item.payload, 126, item.event.ts, item.marker);
      if (item.digit) digitsSent += item.digit;
      ts = (ts + FRAME_SAMPLES) >>> 0;
      return;
    }
    const packet = loop.packets[loopIndex]!;
    loopIndex = (loopIndex + 1) % loop.packets.length;
    send(packet.payload, 111, ts, firstPacket);
    firstPacket = false;
    ts = (ts + packet.samples) >>> 0;
    packetsSent++;
  }

  return {
    recorder,
    async createOffer() {
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await gathered();
      subscribeIncoming();
      const sdp = toMetaSdp(pc.localDescription!.sdp, { mediaAddress: opts.mediaAddress, setup: 'actpass' });
      opts.logger.debug({ callId: opts.callId, sdpHash: sdpHash(sdp) }, 'customer offer created');
      return sdp;
    },
    async applyAnswer(sdp) {
      await pc.setRemoteDescription({ type: 'answer', sdp });
      subscribeIncoming();
    },
    async answerOffer(offer) {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await gathered();
      subscribeIncoming();
      const role = setupRole(pc.localDescription!.sdp) === 'passive' ? 'passive' : 'active';
      const sdp = toMetaSdp(pc.localDescription!.sdp, { mediaAddress: opts.mediaAddress, setup: role as 'active' });
      opts.logger.debug({ callId: opts.callId, sdpHash: sdpHash(sdp) }, 'customer answer created');
      return sdp;
    },
    connectionState: () => pc.connectionState,
    startSending() {
      if (interval || closed) return;
      const started = performance.now();
      let ticks = 0;
      interval = setInterval(() => {
        // Catch up on timer drift, but never burst more than 100 ms of audio.
        const due = Math.floor((performance.now() - started) / FRAME_MS) + 1;
        if (due - ticks > 5) ticks = due - 5;
        while (ticks < due) {
          tick();
          ticks++;
        }
      }, FRAME_MS);
      interval.unref();
    },
    stopSending() {
      if (interval) clearInterval(interval);
      interval = undefined;
    },
    sendDtmf(digits) {
      for (const digit of digits) {
        if (!isDtmfDigit(digit)) throw new RangeError(`Not a DTMF digit: ${digit}`);
      }
      for (const digit of digits) {
        // 100 ms tone (5 packets, duration in 8 kHz units), 3 end packets, then 60 ms of audio.
        const event: { ts?: number } = {};
        for (let i = 1; i <= 5; i++) queue.push({ kind: 'dtmf', payload: dtmfPayload(digit, false, i * 160), marker: i === 1, event });
        for (let i = 0; i < 3; i++) {
          queue.push({ kind: 'dtmf', payload: dtmfPayload(digit, true, 800), marker: false, event, ...(i === 0 ? { digit } : {}) });
        }
        queue.push({ kind: 'gap' }, { kind: 'gap' }, { kind: 'gap' });
      }
    },
    sent: () => ({ source: opts.audio, sending: interval !== undefined, packets: packetsSent, dtmf_digits_sent: digitsSent }),
    async close() {
      if (closed) return;
      closed = true;
      if (interval) clearInterval(interval);
      interval = undefined;
      recorder.close();
      track.stop();
      await pc.close().catch(() => undefined);
    },
  };
}
