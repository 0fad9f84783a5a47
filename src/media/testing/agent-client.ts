import nodeDataChannel from 'node-datachannel';
import { isRtcp, rtpMarker, rtpPayload, rtpPayloadType, rtpSeq, rtpSsrc, rtpTimestamp, buildRtpPacket } from '../rtp/rtp-packet.js';
import { inspectSdp } from '../sdp/sdp-checks.js';
import { AudioCapture } from './audio-capture.js';
import { createToneSource } from './tone.js';

export interface AgentClientOptions {
  /** Tone the agent (or supervisor) says into its microphone, in Hz; null for silence. 1000 by default. */
  toneHz?: number | null;
  bindAddress?: string;
  /** Decode what is heard (tone detection). Benchmarks turn it off and only count packets. */
  decode?: boolean;
  /** Replaces the tone: the payload of each 20 ms packet sent (benchmarks put a send time in it). */
  payload?: () => Buffer;
  /** Called for every RTP packet heard on section `index`. */
  onPacket?: (index: number, packet: Buffer) => void;
}

/**
 * A browser stand-in for the agent desk (node-datachannel): answers the bridge's offer, says a tone on the first
 * audio section and records what it hears on every section (index 0 = main, 1 = side).
 */
export function createAgentClient(opts: AgentClientOptions = {}) {
  const pc = new nodeDataChannel.PeerConnection('agent-client', { iceServers: [], bindAddress: opts.bindAddress ?? '127.0.0.1' });
  const tracks: nodeDataChannel.Track[] = [];
  const heard: AudioCapture[] = [];
  const ssrc = (Math.floor(Math.random() * 2 ** 31) + 1) >>> 0;
  let seq = Math.floor(Math.random() * 65535);
  let ts = Math.floor(Math.random() * 2 ** 31);
  let tone = opts.toneHz === null ? null : createToneSource(opts.toneHz ?? 1000);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let state = 'new';
  pc.onStateChange((s) => {
    state = s;
  });

  const startLoop = () => {
    if (timer) return;
    timer = setInterval(() => {
      try {
        const payload = opts.payload ? opts.payload() : tone?.next();
        if (!payload || !tracks[0] || closed) return;
        seq = (seq + 1) & 0xffff;
        ts = (ts + 960) >>> 0;
        if (tracks[0].isOpen()) tracks[0].sendMessageBinary(buildRtpPacket({ payloadType: 111, marker: false, seq, timestamp: ts, ssrc }, payload));
      } catch {
        // a closing track; the next tick stops
      }
    }, 20);
  };

  return {
    heard,
    /** Answers the bridge's offer; resolves with the complete answer. */
    async answer(offerSdp: string): Promise<string> {
      const summary = inspectSdp(offerSdp);
      if (!summary.ok) throw new Error(`agent client: bad offer: ${summary.reason}`);
      summary.summary.audio.forEach((sec, index) => {
        const dir = sec.direction === 'sendonly' ? 'RecvOnly' : 'SendRecv';
        const audio = new nodeDataChannel.Audio(sec.mid, dir);
        audio.addOpusCodec(sec.opusPayloadType);
        if (dir === 'SendRecv') audio.addSSRC(ssrc, 'agent-client', 'agent', `mic-${sec.mid}`);
        const track = pc.addTrack(audio);
        const capture = new AudioCapture(sec.opusPayloadType, 3000, opts.decode !== false);
        heard.push(capture);
        track.onMessage((msg) => {
          try {
            if (closed || isRtcp(msg)) return;
            opts.onPacket?.(index, msg);
            const payload = rtpPayload(msg);
            if (!payload) return;
            capture.push({ seq: rtpSeq(msg), timestamp: rtpTimestamp(msg), ssrc: rtpSsrc(msg), payloadType: rtpPayloadType(msg), marker: rtpMarker(msg), atMs: Date.now() }, payload);
          } catch {
            // never throw inside a native callback
          }
        });
        tracks.push(track);
      });
      const gathered = new Promise<void>((resolve) => {
        pc.onGatheringStateChange((s) => {
          if (s === 'complete') resolve();
        });
      });
      pc.setRemoteDescription(offerSdp, 'offer');
      if (pc.gatheringState() !== 'complete') await gathered;
      startLoop();
      return pc.localDescription()!.sdp;
    },
    setTone(hz: number | null) {
      tone = hz === null ? null : createToneSource(hz);
    },
    /** Stop sending anything, the peer connection left up (a browser whose network went away). */
    stopSending() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** An RTCP BYE for our stream on the first section (the sender leaves the session). */
    sendRtcpBye() {
      const bye = Buffer.alloc(8);
      bye[0] = 0x81;
      bye[1] = 203;
      bye.writeUInt16BE(1, 2);
      bye.writeUInt32BE(ssrc, 4);
      tracks[0]?.sendMessageBinary(bye);
    },
    get connected() {
      return state === 'connected';
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      for (const c of heard) c.close();
      for (const t of tracks) {
        try {
          t.close();
        } catch {
          // already closed
        }
      }
      pc.close();
    },
  };
}

export type AgentClient = ReturnType<typeof createAgentClient>;
