/**
 * The media bridge as the app uses it (implemented by src/media). The provider's WebRTC leg and
 * the agents' browser legs terminate there; the app tells it what the caller hears and whom to
 * connect. Errors are AppError with INVALID_SDP, INVALID_AUDIO or MEDIA_FAILED.
 */
export type CallerSource =
  | { kind: 'silence' }
  | { kind: 'prompt'; file: string; loop?: boolean; then?: CallerSource }
  | { kind: 'music'; file: string }
  | { kind: 'agent' };

export type LegRole = 'agent' | 'listen' | 'whisper' | 'barge';

export interface MediaPort {
  answerProvider(callId: string, offerSdp: string): Promise<{ sdp: string }>;
  offerProvider(callId: string): Promise<{ sdp: string }>;
  applyProviderAnswer(callId: string, sdp: string): Promise<void>;
  startProviderMedia(callId: string, source?: CallerSource): Promise<void>;
  playToCaller(callId: string, source: CallerSource): Promise<void>;
  createAgentLeg(callId: string, legId: string, role: LegRole): Promise<{ sdp: string }>;
  applyAgentAnswer(callId: string, legId: string, sdp: string): Promise<void>;
  connectAgent(callId: string, legId: string): Promise<void>;
  removeLeg(callId: string, legId: string): Promise<void>;
  hold(callId: string, musicFile: string): Promise<void>;
  resume(callId: string): Promise<void>;
  setMuted(callId: string, legId: string, muted: boolean): Promise<void>;
  sendDtmf(callId: string, digits: string): Promise<void>;
  startRecording(callId: string, file: string): Promise<void>;
  recordCaller(callId: string, file: string, maxMs: number): Promise<void>;
  endCall(callId: string): Promise<{ recordings: string[] }>;
  on(event: 'callerMediaStopped' | 'callerMediaResumed', fn: (e: { callId: string }) => void): void;
  on(event: 'providerLegClosed' | 'agentLegClosed', fn: (e: { callId: string; legId?: string; reason: string }) => void): void;
  on(event: 'dtmf', fn: (e: { callId: string; digit: string }) => void): void;
  on(event: 'workerDied', fn: (e: { workerId: number; callIds: string[] }) => void): void;
  on(event: 'recordingDone', fn: (e: { callId: string; file: string; kind: 'call' | 'voicemail'; durationMs: number }) => void): void;
  close(): Promise<void>;
}

/** Packet counters of one direction of a leg. */
export interface DirectionStats {
  packets: number;
  bytes: number;
  /** Epoch ms of the last packet, null when none yet. */
  lastPacketAt: number | null;
}

export interface LegMediaStats {
  legId: string;
  role: LegRole;
  state: string;
  connectedToCaller: boolean;
  muted: boolean;
  /** From the browser to the bridge (its microphone). */
  received: DirectionStats;
  /** From the bridge to the browser, all audio sections together. */
  sent: DirectionStats;
}

export interface CallMediaStats {
  callId: string;
  workerId: number;
  provider: {
    state: string;
    /** From the caller to the bridge. */
    received: DirectionStats & { lost: number };
    /** From the bridge to the caller. */
    sent: DirectionStats;
    source: CallerSource['kind'] | 'none';
    held: boolean;
  };
  legs: LegMediaStats[];
  recordings: string[];
}

/** One media worker process: for operations and leak checks. */
export interface WorkerStats {
  workerId: number;
  pid: number;
  calls: number;
  /** Peers created and not yet closed (including offers still waiting for their answer). */
  openPeers: number;
  rssBytes: number;
}

/** What the media bridge offers beyond MediaPort: statistics of a call and of the worker processes. */
export interface MediaBridgePort extends MediaPort {
  stats(callId: string): Promise<CallMediaStats>;
  workerStats(): Promise<WorkerStats[]>;
}
