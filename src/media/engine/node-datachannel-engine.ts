import nodeDataChannel from 'node-datachannel';
import { EngineSdpError, type EnginePeer, type EnginePeerState, type EngineTrackSpec, type MediaEngine, type MediaEngineOptions } from './media-engine.js';

const DIRECTION = { sendrecv: 'SendRecv', sendonly: 'SendOnly', recvonly: 'RecvOnly' } as const;

/**
 * libdatachannel (native ICE/DTLS/SRTP) behind the MediaEngine port. Its callbacks run on the event loop and an
 * exception thrown inside one aborts the process, so every callback body is guarded.
 */
export function createNodeDataChannelEngine(opts: MediaEngineOptions): MediaEngine {
  const config: nodeDataChannel.RtcConfig = {
    iceServers: [],
    bindAddress: opts.bindAddress,
    ...(opts.portRange ? { portRangeBegin: opts.portRange[0], portRangeEnd: opts.portRange[1] } : {}),
  };
  const gatherTimeoutMs = opts.gatherTimeoutMs ?? 5000;
  let open = 0;
  return {
    createPeer: (name) => {
      open++;
      return createPeer(name, config, gatherTimeoutMs, () => open--);
    },
    openPeers: () => open,
    shutdown: () => nodeDataChannel.cleanup(),
  };
}

function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (e) {
      console.error('media engine callback failed', e);
    }
  };
}

function createPeer(name: string, config: nodeDataChannel.RtcConfig, gatherTimeoutMs: number, onClosed: () => void): EnginePeer {
  const pc = new nodeDataChannel.PeerConnection(name, config);
  const tracks: nodeDataChannel.Track[] = [];
  let packetFn: (index: number, packet: Buffer) => void = () => {};
  let stateFn: (state: EnginePeerState) => void = () => {};
  let state: EnginePeerState = 'connecting';
  let closed = false;
  let gathered: (() => void) | null = null;

  pc.onStateChange(guard((s: string) => {
    if (closed) return;
    const next: EnginePeerState | null = s === 'connected' ? 'connected' : s === 'disconnected' ? 'disconnected' : s === 'failed' ? 'failed' : s === 'closed' ? 'closed' : null;
    if (next && next !== state) {
      state = next;
      stateFn(next);
    }
  }));
  pc.onGatheringStateChange(guard((s: string) => {
    if (s === 'complete' && gathered) gathered();
  }));

  const addTracks = (specs: EngineTrackSpec[]) => {
    for (const spec of specs) {
      const audio = new nodeDataChannel.Audio(spec.mid, DIRECTION[spec.direction]);
      audio.addOpusCodec(spec.opusPayloadType, 'minptime=10;useinbandfec=1');
      if (spec.dtmfPayloadType !== undefined) audio.addAudioCodec(spec.dtmfPayloadType, 'telephone-event/8000', '0-15');
      audio.addSSRC(spec.ssrc, spec.cname, 'switchboard', `audio-${spec.mid}`);
      const index = tracks.length;
      const track = pc.addTrack(audio);
      track.onMessage(guard((msg: Buffer) => {
        if (!closed) packetFn(index, msg);
      }));
      tracks.push(track);
    }
  };

  const waitGathered = (): Promise<string> => new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      gathered = null;
      const desc = pc.localDescription();
      if (desc) resolve(desc.sdp);
      else reject(new Error('no local description after gathering'));
    };
    const timer = setTimeout(() => {
      gathered = null;
      reject(new Error('ICE gathering timed out'));
    }, gatherTimeoutMs);
    gathered = guard(finish);
    if (pc.gatheringState() === 'complete') finish();
  });

  return {
    get state() {
      return state;
    },
    async answer(offerSdp, specs) {
      // The local track must exist before the remote offer is applied, or the answer cannot send.
      addTracks(specs);
      const done = waitGathered();
      try {
        pc.setRemoteDescription(offerSdp, 'offer');
      } catch (e) {
        done.catch(() => {});
        throw new EngineSdpError(`offer refused: ${(e as Error).message}`);
      }
      return done;
    },
    async offer(specs) {
      addTracks(specs);
      const done = waitGathered();
      pc.setLocalDescription('offer');
      return done;
    },
    applyAnswer(answerSdp) {
      try {
        pc.setRemoteDescription(answerSdp, 'answer');
      } catch (e) {
        // A peer that closed itself while applying (ICE/DTLS failed) is a media failure, not a bad description.
        if (pc.state() === 'closed') throw new Error(`peer connection closed while applying the answer: ${(e as Error).message}`, { cause: e });
        throw new EngineSdpError(`answer refused: ${(e as Error).message}`, { cause: e });
      }
    },
    send(index, packet) {
      const track = tracks[index];
      if (!track || closed) return false;
      try {
        return track.sendMessageBinary(packet);
      } catch {
        return false;
      }
    },
    onPacket(fn) {
      packetFn = fn;
    },
    onState(fn) {
      stateFn = fn;
    },
    close() {
      if (closed) return;
      closed = true;
      state = 'closed';
      onClosed();
      for (const t of tracks) {
        try {
          t.close();
        } catch {
          // already closed by the peer
        }
      }
      try {
        pc.close();
      } catch {
        // already closed
      }
    },
  };
}

