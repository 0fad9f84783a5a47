import dgram from 'node:dgram';

/**
 * A UDP relay put between a browser stand-in and the bridge (the SDP candidates are rewritten to point at it) that
 * can repeat the browser's latest DTLS handshake datagram (its ClientHello) towards the bridge, a few copies every
 * millisecond.
 * With it, a handshake is always in flight at the moment the bridge applies the answer, instead of once per DTLS
 * retransmission timeout: the race seam for legs failing "at the moment the answer is applied".
 */
export async function createDtlsReplayRelay() {
  const towardsAgent = dgram.createSocket('udp4');
  const towardsBridge = dgram.createSocket('udp4');
  await Promise.all([towardsAgent, towardsBridge].map((s) => new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()))));
  let bridgePort = 0;
  let agentPort = 0;
  let handshake: Buffer | null = null;
  let timer: NodeJS.Timeout | null = null;
  towardsAgent.on('message', (msg) => {
    if (msg[0] === 22) handshake = Buffer.from(msg); // DTLS record, content type handshake
    if (bridgePort) towardsBridge.send(msg, bridgePort, '127.0.0.1');
  });
  towardsBridge.on('message', (msg) => {
    if (agentPort) towardsAgent.send(msg, agentPort, '127.0.0.1');
  });
  const pointAt = (sdp: string, port: number, remember: (p: number) => void) => sdp
    .replace(/(a=candidate:\S+ 1 UDP \d+ 127\.0\.0\.1 )(\d+)( typ host)/gi, (_m, head: string, p: string, tail: string) => {
      remember(Number(p));
      return `${head}${port}${tail}`;
    })
    .replace(/^m=audio \d+/gm, `m=audio ${port}`);

  return {
    /** The bridge's offer as the agent must see it (the relay in place of the bridge). */
    offer: (sdp: string) => pointAt(sdp, towardsAgent.address().port, (p) => (bridgePort = p)),
    /** The agent's answer as the bridge must see it (the relay in place of the agent). */
    answer: (sdp: string) => pointAt(sdp, towardsBridge.address().port, (p) => (agentPort = p)),
    replay(on: boolean): void {
      if (on && !timer) {
        timer = setInterval(() => {
          for (let i = 0; handshake && bridgePort && i < 4; i++) towardsBridge.send(handshake, bridgePort, '127.0.0.1');
        }, 1);
      }
      if (!on && timer) {
        clearInterval(timer);
        timer = null;
      }
    },
    close(): void {
      this.replay(false);
      towardsAgent.close();
      towardsBridge.close();
    },
  };
}
