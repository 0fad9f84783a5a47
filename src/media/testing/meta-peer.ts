import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { buildTelephoneEvent } from '../rtp/telephone-event.js';
import { AudioCapture } from './audio-capture.js';
import { createToneSource } from './tone.js';

export interface MetaPeerOptions {
  /** Tone the customer says, in Hz (440 by default); null for a silent customer. */
  toneHz?: number | null;
  /** Keep only this host address in our SDP (Meta sends one host candidate per family). */
  host?: string;
}

/**
 * A customer's WhatsApp leg shaped like Meta's (werift, an independent WebRTC stack): ICE-lite, actpass offer,
 * Opus PT 111 and telephone-event/8000 PT 126, sha-256 fingerprint, one host candidate. It plays a tone and
 * records what it hears.
 */
export function createMetaPeer(opts: MetaPeerOptions = {}) {
  const host = opts.host ?? '127.0.0.1';
  const pc = new RTCPeerConnection({
    iceLite: true,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [host],
    codecs: {
      audio: [
        new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 }),
        new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 126 }),
      ],
    },
    headerExtensions: { audio: [] },
  });
  const track = new MediaStreamTrack({ kind: 'audio' });
  const heard = new AudioCapture(111);
  let transceiver: RTCRtpTransceiver | null = null;
  let timer: NodeJS.Timeout | null = null;
  let tone = opts.toneHz === null ? null : createToneSource(opts.toneHz ?? 440);
  let seq = Math.floor(Math.random() * 65535);
  let ts = Math.floor(Math.random() * 2 ** 31);
  const ssrc = (Math.floor(Math.random() * 2 ** 31) + 1) >>> 0;
  let pendingDtmf: Buffer[] = [];
  let dtmfTs = 0;

  pc.onTrack.subscribe((remote) => {
    remote.onReceiveRtp.subscribe((rtp) => {
      heard.push({ seq: rtp.header.sequenceNumber, timestamp: rtp.header.timestamp, ssrc: rtp.header.ssrc, payloadType: rtp.header.payloadType, marker: rtp.header.marker, atMs: Date.now() }, rtp.payload);
    });
  });
  const attach = (t: RTCRtpTransceiver) => {
    transceiver = t;
  };

  const keepHost = (sdp: string) => sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate:') || l.includes(` ${host} `)).join('\r\n');

  const send = (pt: number, payload: Buffer, marker: boolean, timestamp: number) => {
    seq = (seq + 1) & 0xffff;
    const packet = new RtpPacket(new RtpHeader({ payloadType: pt, sequenceNumber: seq, timestamp, ssrc, marker }), payload);
    if (pt === 111 || !transceiver) {
      track.writeRtp(packet);
      return;
    }
    // werift stamps every packet with the sender's codec; telephone-events need their own payload type.
    const sender = transceiver.sender as unknown as { codec: { payloadType: number } | undefined; sendRtp(p: RtpPacket): Promise<void> };
    const codec = sender.codec;
    sender.codec = { ...codec, payloadType: pt };
    void sender.sendRtp(packet).catch(() => undefined);
    sender.codec = codec;
  };

  const startLoop = () => {
    if (timer) return;
    timer = setInterval(() => {
      ts = (ts + 960) >>> 0;
      const ev = pendingDtmf.shift();
      if (ev) {
        send(126, ev, ev[1]! === 10 && ev.readUInt16BE(2) === 160, dtmfTs);
        return;
      }
      if (tone) send(111, tone.next(), false, ts);
    }, 20);
  };

  return {
    pc,
    heard,
    /** Inbound (user-initiated) call: Meta's offer. */
    async offer(): Promise<string> {
      attach(pc.addTransceiver(track, { direction: 'sendrecv' }));
      await pc.setLocalDescription(await pc.createOffer());
      await waitGathered(pc);
      return keepHost(pc.localDescription!.sdp);
    },
    async acceptAnswer(sdp: string): Promise<void> {
      await pc.setRemoteDescription({ type: 'answer', sdp });
      startLoop();
    },
    /** Outbound (business-initiated) call: Meta answers our offer; `setup` lets it say actpass as Meta sometimes does. */
    async answer(offerSdp: string, setup: 'active' | 'actpass' = 'active'): Promise<string> {
      pc.addTransceiver(track, { direction: 'sendrecv' });
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      attach(pc.getTransceivers()[0]!);
      await pc.setLocalDescription(await pc.createAnswer());
      await waitGathered(pc);
      startLoop();
      const sdp = keepHost(pc.localDescription!.sdp);
      return setup === 'actpass' ? sdp.replace(/a=setup:active/g, 'a=setup:actpass') : sdp;
    },
    setTone(hz: number | null) {
      tone = hz === null ? null : createToneSource(hz);
    },
    /** Stop sending anything (a customer whose network went away). */
    stopSending() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    resumeSending() {
      startLoop();
    },
    /** RFC 4733 digit as a WhatsApp client sends it: 5 updates, then the end packet three times. */
    pressDigit(digit: string) {
      dtmfTs = (ts + 960) >>> 0;
      pendingDtmf = [1, 2, 3, 4, 5].map((i) => buildTelephoneEvent(digit, false, i * 160));
      for (let i = 0; i < 3; i++) pendingDtmf.push(buildTelephoneEvent(digit, true, 800));
    },
    get connected() {
      return pc.connectionState === 'connected';
    },
    get transceiver() {
      return transceiver;
    },
    async close(): Promise<void> {
      this.stopSending();
      heard.close();
      await pc.close();
    },
  };
}

export type MetaPeer = ReturnType<typeof createMetaPeer>;

async function waitGathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const sub = pc.iceGatheringStateChange.subscribe((s) => {
      if (s === 'complete') {
        sub.unSubscribe();
        resolve();
      }
    });
  });
}
