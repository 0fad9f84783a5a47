import dgram from 'node:dgram';
import { networkInterfaces } from 'node:os';
import nodeDataChannel from 'node-datachannel';
import type { HostCandidate } from '../sdp/offer-sdp.js';
import { createFullIcePeer, type SharedPortContext } from './full-ice-peer.js';
import { createLiteRemotePeer } from './lite-remote-peer.js';
import type { MediaEngine, MediaEngineOptions } from './media-engine.js';
import { createSelfSignedCertificate } from './self-signed-certificate.js';

/** Early-check sources kept per pending offer: a browser sends from a handful of candidates at most. */
const MAX_LEARNED = 4;

/**
 * libdatachannel (native ICE/DTLS/SRTP) behind the MediaEngine port. Peers towards ICE-lite remotes (Meta) get a
 * socket each; peers towards full-ICE remotes (browsers) share one socket per engine through libjuice's ICE UDP
 * mux and are only created when their answer arrives (see full-ice-peer.ts). One self-signed certificate serves
 * every peer of the engine.
 */
export async function createNodeDataChannelEngine(opts: MediaEngineOptions): Promise<MediaEngine> {
  const gatherTimeoutMs = opts.gatherTimeoutMs ?? 5000;
  const cert = createSelfSignedCertificate(Date.now());
  const identity = { certificatePemFile: cert.certPem, keyPemFile: cert.keyPem };
  const { listener, port } = await openSharedPort(opts.bindAddress, opts.sharedPort ?? 0);

  const learned = new Map<string, HostCandidate[]>();
  listener.onUnhandledStunRequest((req) => {
    try {
      const list = learned.get(req.localUfrag);
      if (list && list.length < MAX_LEARNED && !list.some((c) => c.address === req.host && c.port === req.port)) list.push({ address: req.host, port: req.port });
    } catch (e) {
      console.error('media engine STUN callback failed', e);
    }
  });

  const shared: SharedPortContext = {
    config: {
      iceServers: [], bindAddress: opts.bindAddress, enableIceUdpMux: true, portRangeBegin: port, portRangeEnd: port,
      disableAutoNegotiation: true, ...identity,
    },
    port,
    candidates: hostCandidates(opts.bindAddress, port),
    fingerprint: cert.fingerprint,
    gatherTimeoutMs,
    learned: {
      watch: (ufrag) => learned.set(ufrag, []),
      take: (ufrag) => {
        const list = learned.get(ufrag) ?? [];
        learned.delete(ufrag);
        return list;
      },
    },
  };
  const liteConfig: nodeDataChannel.RtcConfig = {
    iceServers: [], bindAddress: opts.bindAddress, ...identity,
    ...(opts.portRange ? { portRangeBegin: opts.portRange[0], portRangeEnd: opts.portRange[1] } : {}),
  };

  let open = 0;
  const closed = () => {
    open--;
  };
  return {
    createPeer(name, remote) {
      open++;
      return remote === 'full' ? createFullIcePeer(name, shared, closed) : createLiteRemotePeer(name, liteConfig, gatherTimeoutMs, closed);
    },
    openPeers: () => open,
    shutdown() {
      listener.stop();
      nodeDataChannel.cleanup();
    },
  };
}

/** The engine's shared socket: the given port, or a free one (found by binding port 0, then handing it over). */
async function openSharedPort(address: string, wanted: number): Promise<{ listener: nodeDataChannel.IceUdpMuxListener; port: number }> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < (wanted ? 1 : 5); attempt++) {
    const port = wanted || (await freeUdpPort(address));
    try {
      return { listener: new nodeDataChannel.IceUdpMuxListener(port, address), port };
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`could not open the shared media port on ${address}${wanted ? `:${wanted}` : ''}: ${(lastError as Error)?.message}`);
}

function freeUdpPort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind(0, address, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** What our offers announce: the bind address, or every external IPv4 address when bound to all interfaces. */
export function hostCandidates(bindAddress: string, port: number): HostCandidate[] {
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::') return [{ address: bindAddress, port }];
  const addresses = Object.values(networkInterfaces()).flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  return (addresses.length > 0 ? addresses : ['127.0.0.1']).map((address) => ({ address, port }));
}
