import nodeDataChannel from 'node-datachannel';
import { buildRtpPacket, isRtcp } from '../rtp/rtp-packet.js';

export interface CustomerClientOptions {
  bindAddress?: string;
  /** The payload of each 20 ms packet sent once the answer is applied; nothing is sent without it. */
  payload?: () => Buffer;
  /** Called for every RTP packet heard. */
  onPacket?: (packet: Buffer) => void;
}

/**
 * A light customer leg on node-datachannel for load tests: Meta's codecs (Opus 111, telephone-event 126) and an
 * actpass offer, but a full ICE agent (meta-peer.ts is the faithful ICE-lite one, and costs far more CPU).
 *
 * Its offer carries no candidates: the bridge then cannot check it before it has applied the bridge's answer, and
 * it finds the bridge through the candidates of that answer. A libdatachannel offerer reached by early checks can
 * close itself while applying the answer (see engine/full-ice-peer.ts); this one cannot be reached.
 */
export function createCustomerClient(opts: CustomerClientOptions = {}) {
  const pc = new nodeDataChannel.PeerConnection('customer-client', { iceServers: [], bindAddress: opts.bindAddress ?? '127.0.0.1' });
  const ssrc = (Math.floor(Math.random() * 2 ** 31) + 1) >>> 0;
  const audio = new nodeDataChannel.Audio('0', 'SendRecv');
  audio.addOpusCodec(111);
  audio.addAudioCodec(126, 'telephone-event/8000');
  audio.addSSRC(ssrc, 'customer-client');
  const track = pc.addTrack(audio);
  let state = 'new';
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let seq = Math.floor(Math.random() * 65535);
  let ts = Math.floor(Math.random() * 2 ** 31);
  pc.onStateChange((s) => {
    state = s;
  });
  track.onMessage((msg) => {
    try {
      if (!closed && !isRtcp(msg)) opts.onPacket?.(msg);
    } catch {
      // never throw inside a native callback
    }
  });

  return {
    /** Our offer, gathered, without its candidates (the bridge learns our address from our checks). */
    offer(): Promise<string> {
      return new Promise((resolve) => {
        pc.onGatheringStateChange((s) => {
          if (s === 'complete') resolve(pc.localDescription()!.sdp.replace(/a=candidate:[^\r\n]*\r?\n/g, ''));
        });
        pc.setLocalDescription('offer');
      });
    },
    acceptAnswer(sdp: string): void {
      pc.setRemoteDescription(sdp, 'answer');
      const payload = opts.payload;
      if (!payload || timer) return;
      timer = setInterval(() => {
        try {
          if (closed || !track.isOpen()) return;
          seq = (seq + 1) & 0xffff;
          ts = (ts + 960) >>> 0;
          track.sendMessageBinary(buildRtpPacket({ payloadType: 111, marker: false, seq, timestamp: ts, ssrc }, payload()));
        } catch {
          // a closing track; the next tick stops
        }
      }, 20);
    },
    get connected() {
      return state === 'connected';
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      try {
        track.close();
      } catch {
        // already closed
      }
      pc.close();
    },
  };
}

export type CustomerClient = ReturnType<typeof createCustomerClient>;
