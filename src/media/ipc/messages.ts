import { z } from 'zod';
import type { CallerSource } from '../bridge.js';

/** Parent <-> media worker messages. Both sides validate what they receive. */
export const callerSourceSchema: z.ZodType<CallerSource> = z.lazy(() => z.union([
  z.object({ kind: z.literal('silence') }),
  z.object({ kind: z.literal('prompt'), file: z.string().min(1), loop: z.boolean().optional(), then: callerSourceSchema.optional() }),
  z.object({ kind: z.literal('music'), file: z.string().min(1) }),
  z.object({ kind: z.literal('agent') }),
])) as z.ZodType<CallerSource>;

const role = z.enum(['agent', 'listen', 'whisper', 'barge']);
const base = { id: z.number().int(), callId: z.string().min(1) };

export const commandSchema = z.discriminatedUnion('op', [
  z.object({ ...base, op: z.literal('answerProvider'), offerSdp: z.string() }),
  z.object({ ...base, op: z.literal('offerProvider') }),
  z.object({ ...base, op: z.literal('applyProviderAnswer'), sdp: z.string() }),
  z.object({ ...base, op: z.literal('startProviderMedia'), source: callerSourceSchema.optional() }),
  z.object({ ...base, op: z.literal('playToCaller'), source: callerSourceSchema }),
  z.object({ ...base, op: z.literal('createAgentLeg'), legId: z.string().min(1), role }),
  z.object({ ...base, op: z.literal('applyAgentAnswer'), legId: z.string().min(1), sdp: z.string() }),
  z.object({ ...base, op: z.literal('connectAgent'), legId: z.string().min(1) }),
  z.object({ ...base, op: z.literal('removeLeg'), legId: z.string().min(1) }),
  z.object({ ...base, op: z.literal('hold'), musicFile: z.string().min(1) }),
  z.object({ ...base, op: z.literal('resume') }),
  z.object({ ...base, op: z.literal('setMuted'), legId: z.string().min(1), muted: z.boolean() }),
  z.object({ ...base, op: z.literal('sendDtmf'), digits: z.string() }),
  z.object({ ...base, op: z.literal('startRecording'), file: z.string().min(1) }),
  z.object({ ...base, op: z.literal('recordCaller'), file: z.string().min(1), maxMs: z.number().int().positive() }),
  z.object({ ...base, op: z.literal('endCall') }),
  z.object({ ...base, op: z.literal('stats') }),
  /** Not about one call: the worker's own counters (callId is ignored). */
  z.object({ ...base, op: z.literal('workerStats') }),
]);
export type WorkerCommand = z.infer<typeof commandSchema>;
export type WorkerOp = WorkerCommand['op'];

export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('reply'), id: z.number().int(), ok: z.boolean(), value: z.unknown().optional(), code: z.string().optional(), message: z.string().optional() }),
  z.object({ type: z.literal('event'), payload: z.discriminatedUnion('event', [
    z.object({ event: z.literal('callerMediaStopped'), callId: z.string() }),
    z.object({ event: z.literal('callerMediaResumed'), callId: z.string() }),
    z.object({ event: z.literal('providerLegClosed'), callId: z.string(), reason: z.string() }),
    z.object({ event: z.literal('agentLegClosed'), callId: z.string(), legId: z.string(), reason: z.string() }),
    z.object({ event: z.literal('dtmf'), callId: z.string(), digit: z.string() }),
    z.object({ event: z.literal('recordingDone'), callId: z.string(), file: z.string(), kind: z.enum(['call', 'voicemail']), durationMs: z.number() }),
  ]) }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

/** Settings a worker is started with (passed as one JSON argument). */
export const workerSettingsSchema = z.object({
  workerId: z.number().int(),
  bindAddress: z.string(),
  /** The worker's one UDP port for browser legs (ICE UDP mux); 0: a free port. */
  sharedPort: z.number().int().min(0).max(65535),
  /** Ports for provider legs (a socket each); absent: any free port. */
  portRange: z.tuple([z.number().int(), z.number().int()]).optional(),
  mediaGapMs: z.number().int().positive(),
  legDeadAfterMs: z.number().int().min(0),
  /** libdatachannel log level written to stderr; absent: no native logging. */
  engineLog: z.enum(['Verbose', 'Debug', 'Info', 'Warning', 'Error', 'Fatal']).optional(),
});
export type WorkerSettings = z.infer<typeof workerSettingsSchema>;
