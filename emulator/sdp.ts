import { createHash } from 'node:crypto';

/** SDP checks Meta applies to the business's SDP, and the rewriting that gives ours Meta's shape. */

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const lines = (sdp: string): string[] => sdp.split(/\r?\n/).filter((l) => l.length > 0);

/** A short hash to name an SDP in logs without printing it. */
export const sdpHash = (sdp: string): string => createHash('sha256').update(sdp).digest('hex').slice(0, 12);

/** Returns a reason when the SDP is not acceptable as a Meta call session, else undefined. */
export function sdpProblem(sdp: string): string | undefined {
  const all = lines(sdp);
  if (all[0]?.trim() !== 'v=0') return 'SDP must start with v=0';
  const audio = all.filter((l) => l.startsWith('m='));
  if (audio.length === 0) return 'SDP has no media section';
  if (audio.length > 1) return 'Only one media stream is supported';
  if (!audio[0]!.startsWith('m=audio ')) return 'The media section must be audio';
  if (!all.some((l) => /^a=fingerprint:\S+ \S+/.test(l))) return 'No fingerprint found in SDP';
  if (!all.some((l) => l.startsWith('a=ice-ufrag:')) || !all.some((l) => l.startsWith('a=ice-pwd:'))) {
    return 'SDP has no ICE credentials (a=ice-ufrag / a=ice-pwd)';
  }
  if (!all.some((l) => /^a=rtpmap:\d+ opus\/48000/i.test(l))) return 'SDP does not offer the Opus codec (opus/48000)';
  return undefined;
}

/** The audio section's direction attribute (sendrecv when absent, per RFC 3264). */
export function mediaDirection(sdp: string): MediaDirection {
  for (const line of lines(sdp)) {
    const m = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line);
    if (m) return m[1] as MediaDirection;
  }
  return 'sendrecv';
}

export const setupRole = (sdp: string): string | undefined => /^a=setup:(\w+)/m.exec(sdp)?.[1];

/** Normalises line ends so two SDPs that differ only in CRLF vs LF compare equal. */
export const normalizeSdp = (sdp: string): string => lines(sdp).map((l) => l.trimEnd()).join('\r\n') + '\r\n';

/**
 * Rewrites an SDP produced by werift into the shape Meta's sessions have: CRLF line ends,
 * session-level `a=ice-lite`, one audio m-line with Opus 111 and telephone-event 126,
 * `a=rtcp-mux`, host candidates on the media address only, no trickle, and the given DTLS role.
 */
export function toMetaSdp(sdp: string, opts: { mediaAddress: string; setup: 'actpass' | 'active' }): string {
  const all = lines(sdp);
  const candidates = all.filter((l) => l.startsWith('a=candidate:') && l.split(' ')[4] === opts.mediaAddress);
  const port = candidates[0]?.split(' ')[5] ?? '9';
  const pick = (prefix: string): string[] => all.filter((l) => l.startsWith(prefix));
  const direction = all.find((l) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(l)) ?? 'a=sendrecv';
  const origin = /^o=- (\d+)/m.exec(sdp)?.[1] ?? '1';
  const out = [
    'v=0',
    `o=- ${origin} 2 IN IP4 ${opts.mediaAddress}`,
    's=-',
    't=0 0',
    'a=ice-lite',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=audio ' + port + ' UDP/TLS/RTP/SAVPF 111 126',
    `c=IN IP4 ${opts.mediaAddress}`,
    `a=rtcp:${port} IN IP4 ${opts.mediaAddress}`,
    ...candidates.map((c) => c.replace(/ generation \d+.*$/, ' generation 0')),
    ...pick('a=ice-ufrag:'),
    ...pick('a=ice-pwd:'),
    ...pick('a=fingerprint:sha-256'),
    `a=setup:${opts.setup}`,
    'a=mid:0',
    direction,
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=rtpmap:126 telephone-event/8000',
    'a=maxptime:20',
    'a=ptime:20',
    ...pick('a=ssrc:'),
  ];
  return out.join('\r\n') + '\r\n';
}
