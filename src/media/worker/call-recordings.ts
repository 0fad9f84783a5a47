import { CallRecorder } from '../recording/call-recorder.js';
import { VoicemailRecorder } from '../recording/voicemail-recorder.js';
import { random32 } from './legs.js';

export interface RecordingDone {
  file: string;
  kind: 'call' | 'voicemail';
  durationMs: number;
}

/** The recordings of one call: the stereo call recording and the caller-only voicemail, and the files written. */
export class CallRecordings {
  private recorder: CallRecorder | null = null;
  private voicemail: VoicemailRecorder | null = null;
  readonly files: string[] = [];
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly onDone: (e: RecordingDone) => void) {}

  /** Something is being written (the call is then ticked every 10 ms). */
  get active(): boolean {
    return this.recorder !== null || this.voicemail !== null;
  }

  startCall(file: string, nowMs: number): boolean {
    if (this.recorder) return false;
    this.recorder = new CallRecorder(file, nowMs, random32());
    this.files.push(file);
    return true;
  }

  startVoicemail(file: string, maxMs: number, nowMs: number): boolean {
    if (this.voicemail) return false;
    this.voicemail = new VoicemailRecorder(file, nowMs, maxMs, random32());
    this.files.push(file);
    return true;
  }

  pushCaller(opus: Buffer): void {
    this.voicemail?.push(opus);
    this.recorder?.pushCaller(opus);
  }

  pushAgentSide(opus: Buffer): void {
    this.recorder?.pushAgentSide(opus);
  }

  tick(nowMs: number): void {
    this.recorder?.tick(nowMs);
    if (this.voicemail?.expired(nowMs)) this.finishVoicemail();
  }

  /** Finishes everything; resolves when every file is complete on disk. */
  async close(): Promise<string[]> {
    this.finishVoicemail();
    const rec = this.recorder;
    this.recorder = null;
    if (rec) this.finish(rec.close(), rec.file, 'call');
    await Promise.all(this.pending);
    return [...this.files];
  }

  private finishVoicemail(): void {
    const vm = this.voicemail;
    if (!vm) return;
    this.voicemail = null;
    this.finish(vm.close(), vm.file, 'voicemail');
  }

  private finish(closing: Promise<number>, file: string, kind: RecordingDone['kind']): void {
    this.pending.push(closing.then(
      (durationMs) => this.onDone({ file, kind, durationMs }),
      (e) => console.error(`${kind} recording close failed`, e),
    ));
  }
}
