/** The WebRTC stack behind the bridge: peers that exchange full (gathered) SDP and raw RTP on audio tracks. */
export type TrackDirection = 'sendrecv' | 'sendonly' | 'recvonly';

export interface EngineTrackSpec {
  mid: string;
  direction: TrackDirection;
  ssrc: number;
  cname: string;
  opusPayloadType: number;
  /** telephone-event/8000 payload type, when DTMF is negotiated on this track. */
  dtmfPayloadType?: number;
}

export type EnginePeerState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/**
 * How the far end does ICE. `lite`: an ICE-lite server (Meta) that only answers our checks. `full`: a full agent
 * (a browser) that starts checking as soon as it has our offer, before its answer reaches us.
 */
export type RemoteIce = 'lite' | 'full';

export interface EnginePeer {
  /** Answers a remote offer; resolves with the complete answer once ICE gathering has finished. */
  answer(offerSdp: string, tracks: EngineTrackSpec[]): Promise<string>;
  /** Creates an offer with these tracks (complete: candidates included, nothing to trickle). */
  offer(tracks: EngineTrackSpec[]): Promise<string>;
  /** Applies the answer to our offer. Rejects with EngineSdpError when the description is refused. */
  applyAnswer(answerSdp: string): Promise<void>;
  /** Sends one RTP or RTCP packet on track `index` (as created); false when the track is not open. */
  send(index: number, packet: Buffer): boolean;
  onPacket(fn: (index: number, packet: Buffer) => void): void;
  onState(fn: (state: EnginePeerState) => void): void;
  readonly state: EnginePeerState;
  close(): void;
}

export interface MediaEngine {
  createPeer(name: string, remote: RemoteIce): EnginePeer;
  /** Peers created and not yet closed, offers waiting for their answer included (leak checks). */
  openPeers(): number;
  /** Releases the engine's global resources (shared socket, threads); call once when the process shuts down. */
  shutdown(): void;
}

export interface MediaEngineOptions {
  bindAddress: string;
  /** The one UDP port all full-ICE peers of this engine share; 0 or absent: a free port is picked. */
  sharedPort?: number;
  /** Ports for ICE-lite peers (one socket each), inclusive; absent: any free port. */
  portRange?: [number, number];
  gatherTimeoutMs?: number;
}

/** Raised by an engine when the stack refuses a description (the bridge maps it to INVALID_SDP). */
export class EngineSdpError extends Error {
  override readonly name = 'EngineSdpError';
}
