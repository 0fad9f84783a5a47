/**
 * The media bridge port the app layer codes against. The provider's (Meta's) WebRTC leg and the agents' browser
 * legs terminate here; audio is forwarded between them (not transcoded), and the bridge plays prompts, music and
 * comfort silence, records, and lets supervisors listen, whisper and barge. Errors are AppError with code
 * INVALID_SDP (a description we cannot use), INVALID_AUDIO (a prompt file that is not Ogg/Opus) or MEDIA_FAILED.
 */
export type CallerSource =
  | { kind: 'silence' } // comfort silence frames: keeps WhatsApp from hanging up
  | { kind: 'prompt'; file: string; loop?: boolean; then?: CallerSource } // Ogg/Opus file
  | { kind: 'music'; file: string } // hold music, looped
  | { kind: 'agent' }; // the connected agent leg

export type LegRole = 'agent' | 'listen' | 'whisper' | 'barge';

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

export interface MediaBridgeOptions {
  /** Worker processes; one per core by default. */
  workers?: number;
  /** Address of our host candidates (127.0.0.1 by default). */
  bindAddress?: string;
  /** UDP port range for ICE candidates, inclusive. */
  portRange?: [number, number];
  /** Caller silence that raises callerMediaStopped (about 2 s). */
  mediaGapMs?: number;
  /** How long one command may take in a worker before it is failed with MEDIA_FAILED. */
  requestTimeoutMs?: number;
}

export interface MediaBridge {
  /** Inbound: answer the provider's offer. The same SDP is used for pre_accept and accept. Never recvonly. */
  answerProvider(callId: string, offerSdp: string): Promise<{ sdp: string }>;
  /** Outbound: our offer for Meta's connect (we are actpass, ICE-controlling). */
  offerProvider(callId: string): Promise<{ sdp: string }>;
  /** Outbound: apply Meta's answer; `a=setup:actpass` in it is treated as `active`. */
  applyProviderAnswer(callId: string, sdp: string): Promise<void>;
  /** Start sending to the provider (called right after Meta's accept returned 200, or the outbound answer was applied).
   *  From then on something is always sent: the chosen source, else comfort silence. Nothing is sent before. */
  startProviderMedia(callId: string, source?: CallerSource): Promise<void>;
  /** What the caller hears from now on. A prompt without `then` is followed by silence. Resolves once the file is loaded. */
  playToCaller(callId: string, source: CallerSource): Promise<void>;
  /** Agent (or supervisor) leg for a browser: we create the offer (full SDP, gathered), the browser answers.
   *  The offer has two audio sections; see src/media/README.md for what each carries per role. */
  createAgentLeg(callId: string, legId: string, role: LegRole): Promise<{ sdp: string }>;
  applyAgentAnswer(callId: string, legId: string, sdp: string): Promise<void>;
  /** Route audio caller <-> this agent leg (the caller hears the agent; the agent hears the caller). A previously
   *  connected agent leg is disconnected (transfer); the provider leg is untouched. */
  connectAgent(callId: string, legId: string): Promise<void>;
  removeLeg(callId: string, legId: string): Promise<void>;
  /** Caller hears music, agent hears nothing. */
  hold(callId: string, musicFile: string): Promise<void>;
  /** Back to the agent, no sequence/timestamp jump. */
  resume(callId: string): Promise<void>;
  /** Honoured on the bridge: a muted agent leg is replaced by silence. `legId` 'provider' mutes the caller. */
  setMuted(callId: string, legId: string, muted: boolean): Promise<void>;
  /** RFC 4733 on the provider leg (PT 126, 8000 clock). Resolves when the digits have been sent. */
  sendDtmf(callId: string, digits: string): Promise<void>;
  /** Stereo Ogg/Opus (caller left, what the caller hears right), written until endCall. */
  startRecording(callId: string, file: string): Promise<void>;
  /** Voicemail: the caller only, mono, for at most maxMs (recordingDone kind 'voicemail' when it stops). Resolves at start. */
  recordCaller(callId: string, file: string, maxMs: number): Promise<void>;
  /** Closes every leg of the call, frees everything; resolves when the recordings are complete on disk. */
  endCall(callId: string): Promise<{ recordings: string[] }>;
  stats(callId: string): Promise<CallMediaStats>;
  on(event: 'callerMediaStopped' | 'callerMediaResumed', fn: (e: { callId: string }) => void): void;
  on(event: 'providerLegClosed' | 'agentLegClosed', fn: (e: { callId: string; legId?: string; reason: string }) => void): void;
  on(event: 'dtmf', fn: (e: { callId: string; digit: string }) => void): void;
  on(event: 'workerDied', fn: (e: { workerId: number; callIds: string[] }) => void): void;
  on(event: 'recordingDone', fn: (e: { callId: string; file: string; kind: 'call' | 'voicemail'; durationMs: number }) => void): void;
  /** Per worker: its pid, calls, open peer connections and memory (operations and leak checks). */
  workerStats(): Promise<WorkerStats[]>;
  close(): Promise<void>;
}

export interface WorkerStats {
  workerId: number;
  pid: number;
  calls: number;
  openPeers: number;
  rssBytes: number;
}

export type MediaBridgeEvent =
  | { event: 'callerMediaStopped'; callId: string }
  | { event: 'callerMediaResumed'; callId: string }
  | { event: 'providerLegClosed'; callId: string; reason: string }
  | { event: 'agentLegClosed'; callId: string; legId: string; reason: string }
  | { event: 'dtmf'; callId: string; digit: string }
  | { event: 'recordingDone'; callId: string; file: string; kind: 'call' | 'voicemail'; durationMs: number };

export { createMediaBridge } from './create-media-bridge.js';
