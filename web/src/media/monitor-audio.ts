import { microphoneConstraints, waitForGathering, type MediaOffer } from './call-audio.js';

/**
 * A supervisor's monitoring leg (listen, whisper, barge). The bridge offers two audio sections,
 * like the agent's leg: mid 0 plays the caller, mid 1 the agent. For whisper and barge the
 * microphone is sent on mid 0 (the bridge routes it to the agent only, or to both); listening
 * sends nothing. ICE is gathered completely before the answer (the bridge takes no trickle).
 */
export interface MonitorOffer extends MediaOffer {
  role: string;
}

export interface MonitorAudioDeps {
  sendAnswer(a: { call_id: string; leg_id: string; sdp: string }): Promise<unknown>;
  microphoneId(): string | null;
  /** Remote streams (index 0 = caller, 1 = agent) for the <audio> elements. */
  onStreams(streams: MediaStream[]): void;
  onError(e: unknown): void;
  gatherTimeoutMs?: number;
}

export const sendsMicrophone = (role: string): boolean => role === 'whisper' || role === 'barge';

export function createMonitorAudio(deps: MonitorAudioDeps) {
  let pc: RTCPeerConnection | null = null;
  let callId: string | null = null;
  let mic: MediaStream | null = null;
  let streams: MediaStream[] = [];

  function close(): void {
    for (const t of mic?.getTracks() ?? []) t.stop();
    mic = null;
    if (pc) {
      pc.ontrack = null;
      pc.close();
    }
    pc = null;
    callId = null;
    streams = [];
    deps.onStreams([]);
  }

  return {
    /** A monitoring `media.offer`: replaces any previous leg (a mode change brings a new one). */
    async handleOffer(offer: MonitorOffer): Promise<void> {
      close();
      callId = offer.call_id;
      const peer = new RTCPeerConnection({ iceServers: [] });
      pc = peer;
      peer.ontrack = (ev) => {
        const index = Math.max(0, peer.getTransceivers().indexOf(ev.transceiver));
        const next = streams.slice();
        next[index] = ev.streams[0] ?? new MediaStream([ev.track]);
        streams = next;
        deps.onStreams(streams.filter(Boolean));
      };
      try {
        await peer.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
        const transceivers = peer.getTransceivers();
        if (transceivers.length === 0) throw new Error('the offer has no audio section');
        for (const t of transceivers) t.direction = 'recvonly';
        if (sendsMicrophone(offer.role)) {
          const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(deps.microphoneId()));
          const track = stream.getAudioTracks()[0];
          if (pc !== peer) {
            for (const t of stream.getTracks()) t.stop();
            return;
          }
          if (!track) throw new Error('no microphone track');
          mic = stream;
          await transceivers[0]!.sender.replaceTrack(track);
          transceivers[0]!.direction = 'sendrecv';
        }
        await peer.setLocalDescription(await peer.createAnswer());
        await waitForGathering(peer, deps.gatherTimeoutMs ?? 5_000);
        if (pc !== peer) return;
        const sdp = peer.localDescription?.sdp;
        if (!sdp) throw new Error('no local description');
        await deps.sendAnswer({ call_id: offer.call_id, leg_id: offer.leg_id, sdp });
      } catch (e) {
        if (pc === peer) close();
        deps.onError(e);
      }
    },
    closeFor(id: string): void {
      if (callId === id) close();
    },
    close,
    get callId(): string | null {
      return callId;
    },
  };
}

export type MonitorAudio = ReturnType<typeof createMonitorAudio>;
