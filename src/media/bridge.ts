/**
 * The media bridge: the app's MediaPort (src/app/ports/media.ts) plus statistics, implemented with worker
 * processes (see README.md). The provider's (Meta's) WebRTC leg and the agents' browser legs terminate here; audio
 * is forwarded between them (not transcoded), and the bridge plays prompts, music and comfort silence, records,
 * and lets supervisors listen, whisper and barge.
 */
import type { MediaBridgePort } from '../app/ports/media.js';

export type {
  CallerSource, CallMediaStats, DirectionStats, LegMediaStats, LegRole, MediaPort, WorkerStats,
} from '../app/ports/media.js';

export type MediaBridge = MediaBridgePort;

export interface MediaBridgeOptions {
  /** Worker processes; one per core by default. */
  workers?: number;
  /** Address of our host candidates (127.0.0.1 by default; 0.0.0.0 announces every external IPv4 address). */
  bindAddress?: string;
  /**
   * UDP ports, inclusive. Worker i takes `portRange[0] + i` as the one port all its browser legs share; provider
   * legs (a socket each) use the rest of the range. Absent: free ports chosen by the system.
   */
  portRange?: [number, number];
  /** Caller silence that raises callerMediaStopped (about 2 s). */
  mediaGapMs?: number;
  /**
   * A connected leg from which nothing at all (no RTP, no RTCP) arrives for this long is reported closed
   * (reason `no_packets`) and closed; 10 s by default, 0 never. See README "Events".
   */
  legDeadAfterMs?: number;
  /** How long one command may take in a worker before it is failed with MEDIA_FAILED. */
  requestTimeoutMs?: number;
  /** Extra Node flags for the worker processes (profiling: `--cpu-prof`, `--cpu-prof-dir=...`). */
  workerExecArgv?: string[];
  /** libdatachannel's own log, written by the workers to stderr. */
  engineLog?: 'Verbose' | 'Debug' | 'Info' | 'Warning' | 'Error' | 'Fatal';
}

export type MediaBridgeEvent =
  | { event: 'callerMediaStopped'; callId: string }
  | { event: 'callerMediaResumed'; callId: string }
  | { event: 'providerLegClosed'; callId: string; reason: string }
  | { event: 'agentLegClosed'; callId: string; legId: string; reason: string }
  | { event: 'dtmf'; callId: string; digit: string }
  | { event: 'recordingDone'; callId: string; file: string; kind: 'call' | 'voicemail'; durationMs: number };

export { createMediaBridge } from './create-media-bridge.js';
