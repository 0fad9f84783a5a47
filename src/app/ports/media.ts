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
