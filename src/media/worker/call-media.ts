import { AppError } from '../../domain/errors.js';
import type { CallerSource, CallMediaStats, LegRole, MediaBridgeEvent } from '../bridge.js';
import { BargeMixer } from '../audio/barge-mixer.js';
import { ClipPlayer } from '../audio/clip-player.js';
import type { OpusClip } from '../audio/opus-file-cache.js';
import { EngineSdpError, type EnginePeer, type EnginePeerState, type MediaEngine } from '../engine/media-engine.js';
import { InboundStats } from '../rtp/inbound-stats.js';
import { OPUS_SILENCE_20MS } from '../rtp/opus-toc.js';
import { rtcpHasBye, senderReportFor } from '../rtp/rtcp.js';
import { readInbound, type InboundPacket, type RtpOutputStream } from '../rtp/rtp-output-stream.js';
import { isRtcp, rtpSsrc } from '../rtp/rtp-packet.js';
import { createDtmfDetector, isDtmfDigits } from '../rtp/telephone-event.js';
import { actpassAsActive, firstAudioDirection, inspectSdp } from '../sdp/sdp-checks.js';
import { CallRecordings } from './call-recordings.js';
import { callStats } from './call-stats.js';
import { DtmfSender } from './dtmf-sender.js';
import { BROWSER_OPUS_PT, browserTracks, isLive, newOutputStream, providerTrack, random32, type BrowserLeg, type ProviderLeg } from './legs.js';

export interface CallMediaDeps {
  callId: string;
  workerId: number;
  engine: MediaEngine;
  emit: (e: MediaBridgeEvent) => void;
  mediaGapMs: number;
  /** Nothing at all (RTP or RTCP) from a connected remote for this long closes its leg; 0: never. */
  legDeadAfterMs: number;
}

interface ActiveClip {
  key: string;
  clip: OpusClip;
  loop: boolean;
  player: ClipPlayer | null;
  then: CallerSource | undefined;
}

const RTCP_INTERVAL_MS = 2000;

/** The media of one call inside a worker: the provider leg, the browser legs, what the caller hears, recordings. */
export class CallMedia {
  private provider: ProviderLeg | null = null;
  private readonly legs = new Map<string, BrowserLeg>();
  private agentLegId: string | null = null;
  private source: CallerSource = { kind: 'silence' };
  private clip: ActiveClip | null = null;
  private held: ActiveClip | null = null;
  private callerMuted = false;
  private mixer: BargeMixer | null = null;
  private mixDueAt = 0;
  private dtmfDueAt = 0;
  private readonly recordings: CallRecordings;
  private dtmf: DtmfSender[] = [];
  private callerStopped = false;
  private ended = false;
  private readonly detectDtmf: (ts: number, payload: Buffer) => void;
  /**
   * The worker's tick skips this call until then (0: the next tick). Packets only push deadlines later, so a call
   * woken early just computes its next time again; whatever creates work sooner (a command, a state change) resets it.
   */
  wakeAt = 0;

  constructor(private readonly deps: CallMediaDeps) {
    this.detectDtmf = createDtmfDetector((digit) => deps.emit({ event: 'dtmf', callId: deps.callId, digit }));
    this.recordings = new CallRecordings((done) => deps.emit({ event: 'recordingDone', callId: deps.callId, ...done }));
  }

  // ---- provider leg -------------------------------------------------------------------------------------------

  async answerProvider(offerSdp: string): Promise<{ sdp: string }> {
    if (this.provider) throw new AppError('CONFLICT', 'the provider leg already exists');
    const check = inspectSdp(offerSdp);
    if (!check.ok) throw new AppError('INVALID_SDP', `provider offer: ${check.reason}`);
    const section = check.summary.audio[0]!;
    if (section.direction === 'recvonly' || section.direction === 'inactive') throw new AppError('INVALID_SDP', `provider offer is ${section.direction}`);
    const leg = this.newProviderLeg(section.opusPayloadType, section.dtmfPayloadType ?? 126);
    const sdp = await this.negotiate(() => leg.peer.answer(offerSdp, [providerTrack(leg, section.mid)]), 'provider');
    if (firstAudioDirection(sdp) !== 'sendrecv') throw new AppError('MEDIA_FAILED', 'our answer would not be sendrecv');
    return { sdp };
  }

  async offerProvider(): Promise<{ sdp: string }> {
    if (this.provider) throw new AppError('CONFLICT', 'the provider leg already exists');
    const leg = this.newProviderLeg(111, 126);
    return { sdp: await this.negotiate(() => leg.peer.offer([providerTrack(leg, '0')]), 'provider') };
  }

  async applyProviderAnswer(sdp: string): Promise<void> {
    const leg = this.requireProvider();
    const check = inspectSdp(sdp);
    if (!check.ok) throw new AppError('INVALID_SDP', `provider answer: ${check.reason}`);
    await this.applyAnswer(leg.peer, sdp);
  }

  startProviderMedia(source: CallerSource | undefined, clips: Map<string, OpusClip>): void {
    const leg = this.requireProvider();
    leg.started = true;
    if (source) this.setSource(source, clips);
  }

  // ---- browser legs -------------------------------------------------------------------------------------------

  async createAgentLeg(legId: string, role: LegRole): Promise<{ sdp: string }> {
    this.requireProvider();
    if (this.legs.has(legId)) throw new AppError('CONFLICT', `leg ${legId} already exists`);
    const peer = this.deps.engine.createPeer(`${this.deps.callId}/${legId}`, 'full');
    const leg: BrowserLeg = {
      id: legId, role, peer, main: newOutputStream(BROWSER_OPUS_PT), side: newOutputStream(BROWSER_OPUS_PT),
      cname: `sb-${random32().toString(36)}`, inbound: new InboundStats(), muted: false, answered: false, nextRtcpAt: 0,
      connectedAt: null, lastInboundAt: -1,
    };
    this.legs.set(legId, leg);
    peer.onPacket((_index, buf) => this.onBrowserPacket(leg, buf));
    peer.onState((s) => this.onBrowserState(leg, s));
    try {
      return { sdp: await this.negotiate(() => peer.offer(browserTracks(leg)), legId) };
    } catch (e) {
      this.dropLeg(leg);
      throw e;
    }
  }

  async applyAgentAnswer(legId: string, sdp: string): Promise<void> {
    const leg = this.requireLeg(legId);
    const check = inspectSdp(sdp);
    if (!check.ok) throw new AppError('INVALID_SDP', `agent answer: ${check.reason}`);
    await this.applyAnswer(leg.peer, sdp);
    leg.answered = true;
    this.updateMixer();
  }

  connectAgent(legId: string): void {
    const leg = this.requireLeg(legId);
    if (leg.role !== 'agent') throw new AppError('CONFLICT', `leg ${legId} is a ${leg.role} leg, not an agent leg`);
    this.agentLegId = legId;
    this.held = null;
    this.setSource({ kind: 'agent' }, new Map());
    this.updateMixer();
  }

  removeLeg(legId: string): void {
    const leg = this.legs.get(legId);
    if (leg) this.dropLeg(leg);
  }

  setMuted(legId: string, muted: boolean): void {
    if (legId === 'provider') {
      this.requireProvider();
      this.callerMuted = muted;
      return;
    }
    this.requireLeg(legId).muted = muted;
    this.updateMixer();
  }

  // ---- what the caller hears ----------------------------------------------------------------------------------

  setSource(source: CallerSource, clips: Map<string, OpusClip>): void {
    this.source = source;
    if (source.kind === 'prompt' || source.kind === 'music') {
      const clip = clips.get(source.file);
      if (!clip) throw new AppError('MEDIA_FAILED', `audio file ${source.file} was not loaded`);
      const loop = source.kind === 'music' || source.loop === true;
      this.clip = { key: `clip:${source.file}`, clip, loop, player: null, then: source.kind === 'prompt' ? source.then : undefined };
      this.clipChain = clips;
    } else {
      this.clip = null;
    }
  }

  private clipChain = new Map<string, OpusClip>();

  hold(music: OpusClip, file: string): void {
    this.requireProvider();
    this.held = { key: `hold:${file}`, clip: music, loop: true, player: null, then: undefined };
  }

  resume(): void {
    this.requireProvider();
    this.held = null;
  }

  sendDtmf(digits: string): Promise<void> {
    const leg = this.requireProvider();
    if (!isDtmfDigits(digits)) throw new AppError('VALIDATION_FAILED', 'digits may only be 0-9, *, #, A-D');
    if (!leg.started) throw new AppError('CONFLICT', 'provider media has not started');
    return new Promise((resolve) => this.dtmf.push(new DtmfSender(digits, resolve)));
  }

  // ---- recording ----------------------------------------------------------------------------------------------

  startRecording(file: string, nowMs: number): void {
    this.requireProvider();
    if (!this.recordings.startCall(file, nowMs)) throw new AppError('CONFLICT', 'the call is already being recorded');
  }

  recordCaller(file: string, maxMs: number, nowMs: number): void {
    this.requireProvider();
    if (!this.recordings.startVoicemail(file, maxMs, nowMs)) throw new AppError('CONFLICT', 'a voicemail is already being recorded');
  }

  async end(): Promise<{ recordings: string[] }> {
    if (this.ended) return { recordings: [...this.recordings.files] };
    this.ended = true;
    for (const leg of [...this.legs.values()]) this.dropLeg(leg);
    this.provider?.peer.close();
    this.mixer?.close();
    this.mixer = null;
    for (const d of this.dtmf) d.done();
    this.dtmf = [];
    return { recordings: await this.recordings.close() };
  }

  // ---- packets ------------------------------------------------------------------------------------------------

  private onProviderPacket(leg: ProviderLeg, buf: Buffer): void {
    const now = nowMs();
    leg.lastInboundAt = now;
    if (isRtcp(buf)) {
      if (rtcpHasBye(buf)) this.providerGone(leg, 'rtcp_bye');
      return;
    }
    const pkt = readInbound(buf);
    if (!pkt) return;
    if (pkt.payloadType === leg.dtmfPt) {
      this.detectDtmf(pkt.timestamp, pkt.payload);
      return;
    }
    if (pkt.payloadType !== leg.opusPt) return;
    leg.inbound.record(rtpSsrc(buf), pkt.seq, buf.length, now);
    if (this.callerStopped) {
      this.callerStopped = false;
      this.deps.emit({ event: 'callerMediaResumed', callId: this.deps.callId });
    }
    if (this.recordings.active) this.recordings.pushCaller(pkt.payload);
    if (this.callerMuted) return;
    for (const b of this.legs.values()) {
      if (!b.answered) continue;
      if (b.role === 'agent' && (b.id !== this.agentLegId || this.held)) continue;
      this.forward(b.main, 'caller', pkt, now, b, 0);
    }
  }

  /** The browser only sends on its first section; a packet whose SSRC the engine could not map is still its voice. */
  private onBrowserPacket(leg: BrowserLeg, buf: Buffer): void {
    const now = nowMs();
    leg.lastInboundAt = now;
    if (isRtcp(buf)) {
      if (rtcpHasBye(buf)) this.browserGone(leg, 'rtcp_bye');
      return;
    }
    const pkt = readInbound(buf);
    if (!pkt || pkt.payloadType !== BROWSER_OPUS_PT) return;
    leg.inbound.record(rtpSsrc(buf), pkt.seq, buf.length, now);
    if (leg.muted || leg.role === 'listen') return;
    if (leg.role === 'agent') {
      if (leg.id !== this.agentLegId) return;
      if (this.callerHearsAgent()) {
        if (this.mixer) this.mixer.push('agent', pkt.payload);
        else this.forwardToCaller(`agent:${leg.id}`, pkt, now);
      }
      for (const s of this.legs.values()) {
        if (s.role !== 'agent' && s.answered) this.forward(s.side, 'agent', pkt, now, s, 1);
      }
      return;
    }
    // whisper or barge: the agent hears the supervisor on its second section; barge also reaches the caller mixed.
    const agent = this.agentLegId ? this.legs.get(this.agentLegId) : undefined;
    if (agent?.answered) this.forward(agent.side, `sup:${leg.id}`, pkt, now, agent, 1);
    if (leg.role === 'barge' && this.mixer && this.callerHearsAgent()) this.mixer.push(`sup:${leg.id}`, pkt.payload);
  }

  private forward(out: RtpOutputStream, source: string, pkt: InboundPacket, now: number, leg: BrowserLeg, index: number): void {
    const rewritten = out.forward(source, pkt, now);
    if (rewritten) leg.peer.send(index, rewritten);
  }

  private forwardToCaller(source: string, pkt: InboundPacket, now: number): void {
    const p = this.provider!;
    if (!p.started) return;
    const rewritten = p.out.forward(source, pkt, now);
    if (!rewritten) return;
    p.peer.send(0, rewritten);
    if (this.recordings.active) this.recordings.pushAgentSide(pkt.payload);
  }

  private sendGenerated(source: string, payload: Buffer, now: number): void {
    const p = this.provider!;
    const sent = p.out.generate(source, payload, now);
    if (source !== 'silence') p.out.holdFiller(now);
    p.peer.send(0, sent.buf);
    this.recordings.pushAgentSide(payload);
  }

  private callerHearsAgent(): boolean {
    return !!this.provider?.started && !this.held && this.source.kind === 'agent' && this.agentLegId !== null;
  }

  // ---- the 10 ms tick -----------------------------------------------------------------------------------------

  tick(now: number): void {
    const p = this.provider;
    if (!p || this.ended) return;
    let next = now + 1000;
    if (p.started && isLive(p.peer)) next = Math.min(next, this.tickCaller(p, now));
    for (const leg of this.legs.values()) {
      if (!leg.answered || !isLive(leg.peer)) continue;
      if (leg.main.fillerDue(now)) leg.peer.send(0, leg.main.generate('silence', OPUS_SILENCE_20MS, now).buf);
      if (now >= leg.nextRtcpAt) {
        leg.nextRtcpAt = now + RTCP_INTERVAL_MS;
        leg.peer.send(0, senderReportFor(leg.main, leg.cname, now, leg.inbound));
      }
      next = Math.min(next, leg.main.fillerDueAt, leg.nextRtcpAt);
    }
    if (this.recordings.active) {
      this.recordings.tick(now);
      next = 0;
    }
    next = Math.min(next, this.watchCaller(p, now), this.watchLegs(p, now));
    this.wakeAt = next;
  }

  /** Sends what is due to the caller; returns when it next has something to do. */
  private tickCaller(p: ProviderLeg, now: number): number {
    let next = Number.POSITIVE_INFINITY;
    if (now >= p.nextRtcpAt) {
      p.nextRtcpAt = now + RTCP_INTERVAL_MS;
      p.peer.send(0, senderReportFor(p.out, p.cname, now, p.inbound));
    }
    const dtmf = this.dtmf[0];
    if (dtmf) {
      next = 0;
      if (now >= this.dtmfDueAt) {
        this.dtmfDueAt = Math.max(this.dtmfDueAt + 20, now - 20);
        const step = dtmf.next();
        if (dtmf.finished) this.dtmf.shift();
        if (step) {
          p.peer.send(0, p.out.generateEvent(`dtmf:${step.digitIndex}`, step.payload, p.dtmfPt, step.start, now).buf);
          return 0;
        }
      }
    }
    const clip = this.held ?? this.clip;
    if (clip) {
      next = 0;
      clip.player ??= new ClipPlayer(clip.clip, clip.loop, now);
      for (const pkt of clip.player.due(now)) this.sendGenerated(clip.key, pkt, now);
      if (clip.player.finished && clip === this.clip) this.setSource(clip.then ?? { kind: 'silence' }, this.clipChain);
    } else if (this.mixer && this.callerHearsAgent()) {
      next = 0;
      if (now >= this.mixDueAt) {
        this.mixDueAt = Math.max(this.mixDueAt + 20, now - 20);
        const frame = this.mixer.mixFrame();
        if (frame) this.sendGenerated('mix', frame, now);
      }
    }
    if (p.out.fillerDue(now)) this.sendGenerated('silence', OPUS_SILENCE_20MS, now);
    return Math.min(next, p.out.fillerDueAt, p.nextRtcpAt);
  }

  /** callerMediaStopped after mediaGapMs without caller audio; returns when to look again. */
  private watchCaller(p: ProviderLeg, now: number): number {
    if (p.connectedAt === null || this.callerStopped) return Number.POSITIVE_INFINITY;
    const due = Math.max(p.inbound.lastAtMs, p.connectedAt) + this.deps.mediaGapMs;
    if (now < due) return due;
    this.callerStopped = true;
    this.deps.emit({ event: 'callerMediaStopped', callId: this.deps.callId });
    return Number.POSITIVE_INFINITY;
  }

  /**
   * A connected remote that sends nothing at all (no RTP, no RTCP) for legDeadAfterMs is gone: WebRTC stacks send
   * RTCP every few seconds even when muted, so silence alone never looks like this. Returns when to look again.
   */
  private watchLegs(p: ProviderLeg, now: number): number {
    const deadAfter = this.deps.legDeadAfterMs;
    if (deadAfter <= 0) return Number.POSITIVE_INFINITY;
    let next = Number.POSITIVE_INFINITY;
    if (p.closedReason === null && p.connectedAt !== null) {
      const due = Math.max(p.lastInboundAt, p.connectedAt) + deadAfter;
      if (now >= due) this.providerGone(p, 'no_packets');
      else next = due;
    }
    for (const leg of [...this.legs.values()]) {
      if (leg.connectedAt === null) continue;
      const due = Math.max(leg.lastInboundAt, leg.connectedAt) + deadAfter;
      if (now >= due) this.browserGone(leg, 'no_packets');
      else next = Math.min(next, due);
    }
    return next;
  }


  // ---- state --------------------------------------------------------------------------------------------------

  private newProviderLeg(opusPt: number, dtmfPt: number): ProviderLeg {
    const peer = this.deps.engine.createPeer(`${this.deps.callId}/provider`, 'lite');
    const leg: ProviderLeg = {
      peer, out: newOutputStream(opusPt), cname: `sb-${random32().toString(36)}`, opusPt, dtmfPt, inbound: new InboundStats(),
      started: false, connectedAt: null, closedReason: null, nextRtcpAt: 0, lastInboundAt: -1,
    };
    this.provider = leg;
    peer.onPacket((_i, buf) => this.onProviderPacket(leg, buf));
    peer.onState((s) => this.onProviderState(leg, s));
    return leg;
  }

  private onProviderState(leg: ProviderLeg, s: EnginePeerState): void {
    if (this.ended) return;
    this.wakeAt = 0;
    if (s === 'connected') leg.connectedAt ??= nowMs();
    if (s === 'failed' || s === 'closed') this.providerGone(leg, s === 'failed' ? 'ice_or_dtls_failed' : 'closed_by_peer');
  }

  private onBrowserState(leg: BrowserLeg, s: EnginePeerState): void {
    if (this.ended || this.legs.get(leg.id) !== leg) return;
    this.wakeAt = 0;
    if (s === 'connected') leg.connectedAt ??= nowMs();
    if (s === 'failed' || s === 'closed') this.browserGone(leg, s === 'failed' ? 'ice_or_dtls_failed' : 'closed_by_peer');
  }

  /** The provider leg is over (reported once); its peer is closed, the call stays until endCall. */
  private providerGone(leg: ProviderLeg, reason: string): void {
    if (this.ended || leg.closedReason !== null) return;
    leg.closedReason = reason;
    leg.peer.close();
    this.deps.emit({ event: 'providerLegClosed', callId: this.deps.callId, reason });
  }

  private browserGone(leg: BrowserLeg, reason: string): void {
    if (this.ended || this.legs.get(leg.id) !== leg) return;
    this.dropLeg(leg);
    this.deps.emit({ event: 'agentLegClosed', callId: this.deps.callId, legId: leg.id, reason });
  }

  private dropLeg(leg: BrowserLeg): void {
    this.legs.delete(leg.id);
    leg.peer.close();
    if (this.agentLegId === leg.id) this.agentLegId = null;
    this.updateMixer();
  }

  /** Barge needs the caller's single track to carry agent + supervisor: mix only while a barge leg is answered. */
  private updateMixer(): void {
    const barging = this.agentLegId !== null && [...this.legs.values()].some((l) => l.role === 'barge' && l.answered && !l.muted);
    if (barging && !this.mixer) this.mixer = new BargeMixer();
    if (!barging && this.mixer) {
      this.mixer.close();
      this.mixer = null;
    }
  }

  private async applyAnswer(peer: EnginePeer, sdp: string): Promise<void> {
    try {
      await peer.applyAnswer(actpassAsActive(sdp));
    } catch (e) {
      if (e instanceof EngineSdpError) throw new AppError('INVALID_SDP', e.message);
      throw new AppError('MEDIA_FAILED', (e as Error).message);
    }
  }

  private async negotiate(run: () => Promise<string>, what: string): Promise<string> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof EngineSdpError) throw new AppError('INVALID_SDP', e.message);
      throw new AppError('MEDIA_FAILED', `${what}: ${(e as Error).message}`);
    }
  }

  private requireProvider(): ProviderLeg {
    if (!this.provider) throw new AppError('CONFLICT', 'the call has no provider leg yet');
    return this.provider;
  }

  private requireLeg(legId: string): BrowserLeg {
    const leg = this.legs.get(legId);
    if (!leg) throw new AppError('NOT_FOUND', `no leg ${legId} in this call`);
    return leg;
  }

  stats(): CallMediaStats {
    return callStats({
      callId: this.deps.callId, workerId: this.deps.workerId, provider: this.requireProvider(), legs: this.legs.values(),
      agentLegId: this.agentLegId, source: this.source.kind, held: this.held !== null, recordings: this.recordings.files,
    });
  }

}

const TIME_ORIGIN = performance.timeOrigin;

/** Epoch milliseconds with sub-millisecond resolution, monotonic within the process. */
export const nowMs = (): number => TIME_ORIGIN + performance.now();
