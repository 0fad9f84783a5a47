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

export interface EnginePeer {
  /** Answers a remote offer; resolves with the complete answer once ICE gathering has finished. */
  answer(offerSdp: string, tracks: EngineTrackSpec[]): Promise<string>;
  /** Creates an offer with these tracks; resolves with the complete offer once gathering has finished. */
  offer(tracks: EngineTrackSpec[]): Promise<string>;
  applyAnswer(answerSdp: string): void;
  /** Sends one RTP or RTCP packet on track `index` (as created); false when the track is not open. */
  send(index: number, packet: Buffer): boolean;
  onPacket(fn: (index: number, packet: Buffer) => void): void;
  onState(fn: (state: EnginePeerState) => void): void;
  readonly state: EnginePeerState;
  close(): void;
}

export interface MediaEngine {
  createPeer(name: string): EnginePeer;
  /** Peers created and not yet closed (leak checks). */
  openPeers(): number;
  /** Releases the engine's global resources (threads); call once when the process shuts down. */
  shutdown(): void;
}

export interface MediaEngineOptions {
  bindAddress: string;
  portRange?: [number, number];
  gatherTimeoutMs?: number;
}

/** Raised by an engine when the stack refuses a description (the bridge maps it to INVALID_SDP). */
export class EngineSdpError extends Error {
  override readonly name = 'EngineSdpError';
}
