import nodeDataChannel from 'node-datachannel';
import type { EnginePeerState, EngineTrackSpec } from './media-engine.js';

const DIRECTION = { sendrecv: 'SendRecv', sendonly: 'SendOnly', recvonly: 'RecvOnly' } as const;
const STATES: Record<string, EnginePeerState | undefined> = {
  connecting: 'connecting', connected: 'connected', disconnected: 'disconnected', failed: 'failed', closed: 'closed',
};

export interface NativePeerHooks {
  onPacket(index: number, packet: Buffer): void;
  onState(state: EnginePeerState): void;
}

/**
 * One libdatachannel peer connection with its audio tracks. Its callbacks run on the event loop and an exception
 * thrown inside one aborts the process, so every callback body is guarded (inline: this is the per-packet path).
 */
export class NativePeer {
  readonly pc: nodeDataChannel.PeerConnection;
  private readonly tracks: nodeDataChannel.Track[] = [];
  private closed = false;
  private gathered: { done: () => void; fail: (e: Error) => void } | null = null;

  constructor(name: string, config: nodeDataChannel.RtcConfig, private readonly hooks: NativePeerHooks) {
    this.pc = new nodeDataChannel.PeerConnection(name, config);
    this.pc.onStateChange((s: string) => {
      try {
        const next = STATES[s];
        if (next && !this.closed) hooks.onState(next);
      } catch (e) {
        console.error('media engine state callback failed', e);
      }
    });
    this.pc.onGatheringStateChange((s: string) => {
      try {
        if (s === 'complete') this.gathered?.done();
      } catch (e) {
        console.error('media engine gathering callback failed', e);
      }
    });
  }

  /** Adds the local tracks; must happen before a remote offer is applied, or the answer could not send. */
  addTracks(specs: EngineTrackSpec[]): void {
    for (const spec of specs) {
      const audio = new nodeDataChannel.Audio(spec.mid, DIRECTION[spec.direction]);
      audio.addOpusCodec(spec.opusPayloadType, 'minptime=10;useinbandfec=1');
      if (spec.dtmfPayloadType !== undefined) audio.addAudioCodec(spec.dtmfPayloadType, 'telephone-event/8000', '0-15');
      audio.addSSRC(spec.ssrc, spec.cname, 'switchboard', `audio-${spec.mid}`);
      const index = this.tracks.length;
      const track = this.pc.addTrack(audio);
      const onPacket = this.hooks.onPacket;
      track.onMessage((msg: Buffer) => {
        if (this.closed) return;
        try {
          onPacket(index, msg);
        } catch (e) {
          console.error('media packet handler failed', e);
        }
      });
      this.tracks.push(track);
    }
  }

  /** Resolves with the local description once ICE gathering has completed (host candidates only: quick). */
  waitGathered(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('ICE gathering timed out')), timeoutMs);
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.gathered = null;
        reject(e);
      };
      const done = () => {
        clearTimeout(timer);
        this.gathered = null;
        const desc = this.pc.localDescription();
        if (desc) resolve(desc.sdp);
        else reject(new Error('no local description after gathering'));
      };
      this.gathered = { done, fail };
      if (this.pc.gatheringState() === 'complete') done();
    });
  }

  send(index: number, packet: Buffer): boolean {
    const track = this.tracks[index];
    if (!track || this.closed) return false;
    try {
      return track.sendMessageBinary(packet);
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.gathered?.fail(new Error('the peer was closed'));
    for (const t of this.tracks) {
      try {
        t.close();
      } catch {
        // already closed by the peer
      }
    }
    try {
      this.pc.close();
    } catch {
      // already closed
    }
  }
}
