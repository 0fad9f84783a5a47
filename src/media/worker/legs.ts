import { randomBytes } from 'node:crypto';
import type { LegRole } from '../bridge.js';
import type { EnginePeer, EngineTrackSpec } from '../engine/media-engine.js';
import type { InboundStats } from '../rtp/inbound-stats.js';
import { RtpOutputStream } from '../rtp/rtp-output-stream.js';

export const random32 = (): number => randomBytes(4).readUInt32BE(0);

export function newOutputStream(payloadType: number): RtpOutputStream {
  return new RtpOutputStream({ ssrc: random32() || 1, payloadType, initialSeq: random32() & 0xffff, initialTs: random32() });
}

/** The provider's (Meta's) leg: one audio track, Opus and telephone-event. */
export interface ProviderLeg {
  peer: EnginePeer;
  out: RtpOutputStream;
  cname: string;
  opusPt: number;
  dtmfPt: number;
  inbound: InboundStats;
  /** startProviderMedia was called: from now on something is always sent. */
  started: boolean;
  connectedAt: number | null;
  /** Why the leg is over (reported once), null while it is up. */
  closedReason: string | null;
  nextRtcpAt: number;
  /** Last packet of any kind (RTP or RTCP) from the caller, -1 before the first. */
  lastInboundAt: number;
}

export function providerTrack(leg: ProviderLeg, mid: string): EngineTrackSpec {
  return { mid, direction: 'sendrecv', ssrc: leg.out.ssrc, cname: leg.cname, opusPayloadType: leg.opusPt, dtmfPayloadType: leg.dtmfPt };
}

/**
 * A browser leg (agent or supervisor). It is offered two audio sections from the start so nothing is ever
 * renegotiated: `main` (mid 0) carries the caller and, except for listen, the browser's microphone back; `side`
 * (mid 1, send only) carries the second voice: the supervisor for an agent, the agent for a supervisor.
 */
export interface BrowserLeg {
  id: string;
  role: LegRole;
  peer: EnginePeer;
  main: RtpOutputStream;
  side: RtpOutputStream;
  cname: string;
  inbound: InboundStats;
  muted: boolean;
  answered: boolean;
  nextRtcpAt: number;
  connectedAt: number | null;
  /** Last packet of any kind (RTP or RTCP) from the browser, -1 before the first. */
  lastInboundAt: number;
}

export const BROWSER_OPUS_PT = 111;

export function browserTracks(leg: BrowserLeg): EngineTrackSpec[] {
  return [
    { mid: '0', direction: leg.role === 'listen' ? 'sendonly' : 'sendrecv', ssrc: leg.main.ssrc, cname: leg.cname, opusPayloadType: BROWSER_OPUS_PT },
    { mid: '1', direction: 'sendonly', ssrc: leg.side.ssrc, cname: leg.cname, opusPayloadType: BROWSER_OPUS_PT },
  ];
}

export const isLive = (peer: EnginePeer): boolean => peer.state === 'connected';
