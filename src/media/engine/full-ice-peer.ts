import { randomBytes } from 'node:crypto';
import type nodeDataChannel from 'node-datachannel';
import { answerAsRemoteOffer, buildOfferSdp, type HostCandidate } from '../sdp/offer-sdp.js';
import { EngineSdpError, type EnginePeer, type EnginePeerState, type EngineTrackSpec } from './media-engine.js';
import { NativePeer } from './native-peer.js';

/** What full-ICE peers of one engine share: the socket (ICE UDP mux), the DTLS identity, what we announce. */
export interface SharedPortContext {
  /** Native config: ICE UDP mux on `port`, the shared certificate, no automatic negotiation. */
  config: nodeDataChannel.RtcConfig;
  port: number;
  candidates: HostCandidate[];
  fingerprint: string;
  gatherTimeoutMs: number;
  /** Where early checks for an ICE ufrag of ours came from before its peer existed (filled by the mux listener). */
  learned: {
    watch(ufrag: string): void;
    take(ufrag: string): HostCandidate[];
  };
}

const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const iceString = (length: number): string => [...randomBytes(length)].map((b) => ICE_CHARS[b % ICE_CHARS.length]).join('');

/**
 * A peer whose far end is a full ICE agent (a browser). Our offer is written at once, but the native peer is only
 * created when the answer arrives, as the *answering* side of that answer (turned into a remote offer), with the
 * ICE credentials, certificate and shared port the offer announced.
 *
 * Why: a browser starts connectivity checks, and its DTLS handshake, as soon as it has our offer. libdatachannel
 * (0.24) applies a remote answer by handing the ICE credentials to libjuice *before* it stores the description
 * holding the remote fingerprint; a pair learned from the early checks can then connect inside that gap, and a
 * ClientHello arriving there is verified against no fingerprint: "unknown CA", the peer closes itself, and
 * setRemoteDescription throws "Got a remote candidate without ICE transport". An answering peer stores the remote
 * description before its ICE agent has a socket, and until then the shared socket drops checks for an unknown
 * ufrag, so that gap cannot be reached.
 */
export function createFullIcePeer(name: string, ctx: SharedPortContext, onClosed: () => void): EnginePeer {
  let packetFn: (index: number, packet: Buffer) => void = () => {};
  let stateFn: (state: EnginePeerState) => void = () => {};
  let state: EnginePeerState = 'connecting';
  let closed = false;
  let specs: EngineTrackSpec[] | null = null;
  let native: NativePeer | null = null;
  const iceUfrag = iceString(8);
  const icePwd = iceString(24);

  const setState = (s: EnginePeerState) => {
    if (closed || s === state) return;
    state = s;
    stateFn(s);
  };

  return {
    get state() {
      return state;
    },
    async answer() {
      throw new Error('a full-ICE remote is offered to, never answered');
    },
    async offer(tracks) {
      if (specs) throw new Error('this peer already made its offer');
      specs = tracks;
      ctx.learned.watch(iceUfrag);
      return buildOfferSdp({
        sessionId: randomBytes(6).readUIntBE(0, 6).toString(), iceUfrag, icePwd, fingerprint: ctx.fingerprint,
        candidates: ctx.candidates, tracks,
      });
    },
    async applyAnswer(answerSdp) {
      if (closed) throw new Error('the peer is closed');
      if (!specs) throw new Error('no offer was made');
      if (native) throw new EngineSdpError('an answer was already applied');
      const peer = new NativePeer(name, ctx.config, { onPacket: (i, p) => packetFn(i, p), onState: setState });
      peer.addTracks(specs);
      try {
        peer.pc.setRemoteDescription(answerAsRemoteOffer(answerSdp, ctx.learned.take(iceUfrag)), 'offer');
      } catch (e) {
        peer.close();
        throw new EngineSdpError(`answer refused: ${(e as Error).message}`, { cause: e });
      }
      native = peer;
      try {
        const gathered = peer.waitGathered(ctx.gatherTimeoutMs);
        peer.pc.setLocalDescription('answer', { iceUfrag, icePwd });
        const local = await gathered;
        if (!local.includes(` ${ctx.port} typ host`)) throw new Error(`the peer did not get the shared port ${ctx.port}`);
      } catch (e) {
        // Back to "offered": nothing half-open is left, and another answer may be tried.
        peer.close();
        if (native === peer) native = null;
        throw e;
      }
    },
    send: (index, packet) => native !== null && !closed && native.send(index, packet),
    onPacket(fn) {
      packetFn = fn;
    },
    onState(fn) {
      stateFn = fn;
    },
    close() {
      if (closed) return;
      closed = true;
      state = 'closed';
      ctx.learned.take(iceUfrag);
      native?.close();
      onClosed();
    },
  };
}
