import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { createAudioRecorder, type AudioRecorder } from '../../media/audio-recorder.js';
import { encodedLoop } from '../../media/audio-source.js';
import { dtmfPayload } from '../../media/dtmf.js';

/**
 * The business side of a call in tests, played by a full-ICE werift peer (so ICE-controlling
 * against Meta's ICE-lite): answers with a=setup:active or offers actpass, sends a tone, records.
 */
export interface BusinessPeer {
  answer(offer: string, opts?: { direction?: 'sendrecv' | 'recvonly' }): Promise<string>;
  offer(): Promise<string>;
  applyAnswer(sdp: string): Promise<void>;
  startTone(frequencyHz: number): void;
  stopTone(): void;
  /** Sends one RFC 4733 digit (three end packets with PT 126). */
  sendDtmf(digit: string): void;
  connected(): Promise<void>;
  recorder: AudioRecorder;
  packetsSent(): number;
  close(): Promise<void>;
}

const codecs = () => ({
  audio: [
    new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111 }),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8_000, channels: 1, payloadType: 126 }),
  ],
});

export function createBusinessPeer(): BusinessPeer {
  const pc = new RTCPeerConnection({ codecs: codecs(), headerExtensions: { audio: [] }, iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'] });
  const recorder = createAudioRecorder({ now: () => Date.now() });
  let transceiver: ReturnType<RTCPeerConnection['addTransceiver']> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sent = 0;
  const subscribe = () => {
    transceiver!.dtlsTransport.onRtp.subscribe((rtp) => recorder.onRtp(rtp));
  };
  const gathered = () =>
    pc.iceGatheringState === 'complete'
      ? Promise.resolve()
      : new Promise<void>((resolve) => pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve()));
  return {
    recorder,
    async answer(offer, opts = {}) {
      transceiver = pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: opts.direction ?? 'sendrecv' });
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered();
      subscribe();
      return pc.localDescription!.sdp.replace(/\r?\n/g, '\r\n');
    },
    async offer() {
      transceiver = pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendrecv' });
      await pc.setLocalDescription(await pc.createOffer());
      await gathered();
      subscribe();
      return pc.localDescription!.sdp;
    },
    async applyAnswer(sdp) {
      await pc.setRemoteDescription({ type: 'answer', sdp });
    },
    startTone(frequencyHz) {
      const loop = encodedLoop({ kind: 'tone', frequencyHz });
      let i = 0;
      let seq = 1;
      let ts = 1000;
      timer = setInterval(() => {
        const p = loop.packets[i++ % loop.packets.length]!;
        void transceiver!.sender.sendRtp(new RtpPacket(new RtpHeader({ sequenceNumber: seq++ & 0xffff, timestamp: ts, payloadType: 111, marker: false }), p.payload));
        ts += p.samples;
        sent++;
      }, 20);
    },
    sendDtmf(digit) {
      const sender = transceiver!.sender;
      const te = transceiver!.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/telephone-event')!;
      const opus = sender.codec;
      const eventTs = 500_000 + sent * 960;
      for (let i = 0; i < 3; i++) {
        sender.codec = te;
        void sender.sendRtp(new RtpPacket(new RtpHeader({ sequenceNumber: 40_000 + sent + i, timestamp: eventTs, payloadType: 126, marker: i === 0 }), dtmfPayload(digit, true, 800)));
        sender.codec = opus;
      }
    },
    stopTone() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    connected() {
      if (pc.connectionState === 'connected') return Promise.resolve();
      return new Promise<void>((resolve) => pc.connectionStateChange.subscribe((s) => s === 'connected' && resolve()));
    },
    packetsSent: () => sent,
    async close() {
      if (timer) clearInterval(timer);
      recorder.close();
      await pc.close();
    },
  };
}
