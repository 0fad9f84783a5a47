/**
 * The agent's audio leg: answers the media bridge's offer (two audio sections: mid 0 the caller,
 * send and receive; mid 1 a supervisor's voice, receive only), sends the chosen microphone on the
 * first section, and plays every remote track. ICE candidates are gathered completely before
 * the answer is sent (the bridge takes no trickle).
 */
export interface MediaOffer {
  call_id: string;
  leg_id: string;
  sdp: string;
}

export interface CallAudioDeps {
  sendAnswer(a: { call_id: string; leg_id: string; sdp: string }): Promise<unknown>;
  microphoneId(): string | null;
  /** Remote streams changed (index 0 = caller, 1 = side voice); the UI binds them to <audio> elements. */
  onStreams(streams: MediaStream[]): void;
  onError(e: unknown): void;
  gatherTimeoutMs?: number;
}

/** Resolves when ICE gathering is complete (the bridge takes no trickle), or after `timeoutMs`. */
export function waitForGathering(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    // Loopback candidates gather at once; the timeout only guards against a stuck browser.
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

export const microphoneConstraints = (deviceId: string | null): MediaStreamConstraints => ({
  audio: {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
  },
  video: false,
});

export function createCallAudio(deps: CallAudioDeps) {
  let pc: RTCPeerConnection | null = null;
  let callId: string | null = null;
  let mic: MediaStream | null = null;
  let muted = false;
  let streams: MediaStream[] = [];

  const stopMic = () => {
    for (const t of mic?.getTracks() ?? []) t.stop();
    mic = null;
  };

  function close(): void {
    stopMic();
    if (pc) {
      pc.ontrack = null;
      pc.close();
    }
    pc = null;
    callId = null;
    streams = [];
    deps.onStreams([]);
  }

  async function openMic(): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(deps.microphoneId()));
    const track = stream.getAudioTracks()[0];
    if (!track) throw new Error('no microphone track');
    track.enabled = !muted;
    return track;
  }

  return {
    /** A `media.offer` for this desk: (re)builds the peer connection and answers. */
    async handleOffer(offer: MediaOffer): Promise<void> {
      close();
      muted = false;
      callId = offer.call_id;
      const peer = new RTCPeerConnection({ iceServers: [] });
      pc = peer;
      peer.ontrack = (ev) => {
        const transceivers = peer.getTransceivers();
        const index = Math.max(0, transceivers.indexOf(ev.transceiver));
        const stream = ev.streams[0] ?? new MediaStream([ev.track]);
        const next = streams.slice();
        next[index] = stream;
        streams = next;
        deps.onStreams(streams.filter(Boolean));
      };
      try {
        await peer.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
        const track = await openMic();
        if (pc !== peer) {
          track.stop();
          return;
        }
        mic = new MediaStream([track]);
        const first = peer.getTransceivers()[0];
        if (!first) throw new Error('the offer has no audio section');
        await first.sender.replaceTrack(track);
        first.direction = 'sendrecv';
        const answer = await peer.createAnswer();
        await peer.setLocalDescription(answer);
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
    /** Silences the microphone locally too (the bridge also drops it). */
    setMuted(value: boolean): void {
      muted = value;
      for (const t of mic?.getAudioTracks() ?? []) t.enabled = !value;
    },
    /** Switches to another microphone mid-call without renegotiating. */
    async switchMicrophone(): Promise<void> {
      if (!pc) return;
      const track = await openMic();
      const first = pc.getTransceivers()[0];
      if (!first) {
        track.stop();
        return;
      }
      await first.sender.replaceTrack(track);
      stopMic();
      mic = new MediaStream([track]);
    },
    /** Ends the leg when its call ended (or another call's offer arrived). */
    closeFor(id: string): void {
      if (callId === id) close();
    },
    close,
    get callId(): string | null {
      return callId;
    },
  };
}

export type CallAudio = ReturnType<typeof createCallAudio>;
