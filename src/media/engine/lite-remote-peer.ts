import type nodeDataChannel from 'node-datachannel';
import { EngineSdpError, type EnginePeer, type EnginePeerState } from './media-engine.js';
import { NativePeer } from './native-peer.js';

/**
 * A peer whose far end is ICE-lite (Meta): the native peer exists from the start, on a socket of its own. An
 * ICE-lite remote never sends connectivity checks, so nothing can reach this peer before the remote description
 * has been applied (compare full-ice-peer.ts).
 */
export function createLiteRemotePeer(name: string, config: nodeDataChannel.RtcConfig, gatherTimeoutMs: number, onClosed: () => void): EnginePeer {
  let packetFn: (index: number, packet: Buffer) => void = () => {};
  let stateFn: (state: EnginePeerState) => void = () => {};
  let state: EnginePeerState = 'connecting';
  let closed = false;
  const native = new NativePeer(name, config, {
    onPacket: (index, packet) => packetFn(index, packet),
    onState: (s) => {
      if (closed || s === state) return;
      state = s;
      stateFn(s);
    },
  });

  return {
    get state() {
      return state;
    },
    async answer(offerSdp, specs) {
      native.addTracks(specs);
      const done = native.waitGathered(gatherTimeoutMs);
      try {
        native.pc.setRemoteDescription(offerSdp, 'offer');
      } catch (e) {
        done.catch(() => {});
        throw new EngineSdpError(`offer refused: ${(e as Error).message}`);
      }
      return done;
    },
    async offer(specs) {
      native.addTracks(specs);
      const done = native.waitGathered(gatherTimeoutMs);
      native.pc.setLocalDescription('offer');
      return done;
    },
    async applyAnswer(answerSdp) {
      try {
        native.pc.setRemoteDescription(answerSdp, 'answer');
      } catch (e) {
        // A peer that closed itself while applying (ICE/DTLS failed) is a media failure, not a bad description.
        if (native.pc.state() === 'closed') throw new Error(`peer connection closed while applying the answer: ${(e as Error).message}`, { cause: e });
        throw new EngineSdpError(`answer refused: ${(e as Error).message}`, { cause: e });
      }
    },
    send: (index, packet) => !closed && native.send(index, packet),
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
      native.close();
      onClosed();
    },
  };
}
