import type { EngineTrackSpec } from '../engine/media-engine.js';

export interface HostCandidate {
  address: string;
  port: number;
}

export interface OfferSdpInput {
  sessionId: string;
  iceUfrag: string;
  icePwd: string;
  /** sha-256 fingerprint of our DTLS certificate (colon-separated hex). */
  fingerprint: string;
  candidates: HostCandidate[];
  tracks: EngineTrackSpec[];
}

const HOST_PRIORITY = 2_122_317_823; // type preference 126 (host), component 1

/**
 * A complete offer for a full-ICE peer (a browser): audio sections in BUNDLE, `actpass`, our ICE credentials and
 * host candidates, `end-of-candidates`. Written by us rather than by the stack because the peer that will use it
 * is only created when the answer comes back (see engine/full-ice-peer.ts).
 */
export function buildOfferSdp(input: OfferSdpInput): string {
  const first = input.candidates[0];
  const address = first?.address ?? '0.0.0.0';
  const ipVersion = address.includes(':') ? 'IP6' : 'IP4';
  const port = first?.port ?? 9;
  const lines = [
    'v=0',
    `o=- ${input.sessionId} 0 IN ${ipVersion} ${address}`,
    's=-',
    't=0 0',
    `a=group:BUNDLE ${input.tracks.map((t) => t.mid).join(' ')}`,
    'a=msid-semantic:WMS *',
    'a=ice-options:ice2,trickle',
    `a=fingerprint:sha-256 ${input.fingerprint}`,
  ];
  input.tracks.forEach((t, i) => {
    const pts = t.dtmfPayloadType !== undefined ? `${t.opusPayloadType} ${t.dtmfPayloadType}` : `${t.opusPayloadType}`;
    lines.push(
      `m=audio ${port} UDP/TLS/RTP/SAVPF ${pts}`,
      `c=IN ${ipVersion} ${address}`,
      `a=mid:${t.mid}`,
      `a=${t.direction}`,
      `a=ssrc:${t.ssrc} cname:${t.cname}`,
      `a=ssrc:${t.ssrc} msid:switchboard audio-${t.mid}`,
      `a=msid:switchboard audio-${t.mid}`,
      'a=rtcp-mux',
      `a=rtpmap:${t.opusPayloadType} opus/48000/2`,
      `a=fmtp:${t.opusPayloadType} minptime=10;useinbandfec=1`,
    );
    if (t.dtmfPayloadType !== undefined) lines.push(`a=rtpmap:${t.dtmfPayloadType} telephone-event/8000`, `a=fmtp:${t.dtmfPayloadType} 0-15`);
    lines.push('a=setup:actpass', `a=ice-ufrag:${input.iceUfrag}`, `a=ice-pwd:${input.icePwd}`);
    if (i === 0) {
      input.candidates.forEach((c, n) => lines.push(`a=candidate:${n + 1} 1 UDP ${HOST_PRIORITY - n} ${c.address} ${c.port} typ host`));
      lines.push('a=end-of-candidates');
    }
  });
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The browser's answer, turned into the remote offer our answering peer applies. `a=ice-lite` keeps that peer
 * ICE-controlling, as the offerer must be (libjuice takes the controlling role against a lite remote and changes
 * nothing else); `learned` adds the addresses the browser's early checks came from, so the peer can check them at
 * once even when the answer only lists candidates it cannot reach (mDNS names, private addresses).
 */
export function answerAsRemoteOffer(answerSdp: string, learned: HostCandidate[] = []): string {
  const eol = answerSdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = answerSdp.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const firstMedia = lines.findIndex((l) => l.startsWith('m='));
  const sessionEnd = firstMedia < 0 ? lines.length : firstMedia;
  if (!lines.slice(0, sessionEnd).includes('a=ice-lite')) lines.splice(sessionEnd, 0, 'a=ice-lite');
  if (learned.length > 0 && firstMedia >= 0) {
    const start = sessionEnd + 1;
    let end = lines.findIndex((l, i) => i > start && l.startsWith('m='));
    if (end < 0) end = lines.length;
    const endOfCandidates = lines.findIndex((l, i) => i > start && i < end && l === 'a=end-of-candidates');
    const at = endOfCandidates >= 0 ? endOfCandidates : end;
    lines.splice(at, 0, ...learned.map((c, n) => `a=candidate:sb${n + 1} 1 UDP ${HOST_PRIORITY - 100 - n} ${c.address} ${c.port} typ host`));
  }
  return `${lines.join(eol)}${eol}`;
}
