/** What the bridge needs to know about a remote description before handing it to the engine. */
export interface AudioSection {
  mid: string;
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  opusPayloadType: number;
  dtmfPayloadType?: number;
  port: number;
}

export interface SdpSummary {
  audio: AudioSection[];
  iceLite: boolean;
  setup: string | null;
}

export type SdpCheck = { ok: true; summary: SdpSummary } | { ok: false; reason: string };

const lines = (sdp: string): string[] => sdp.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);

/** Checks an offer or answer for what WebRTC audio needs: audio m-line, ICE credentials, a sha-256 fingerprint, Opus. */
export function inspectSdp(sdp: string): SdpCheck {
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0')) return { ok: false, reason: 'not an SDP (must start with v=0)' };
  const all = lines(sdp);
  const sessionEnd = all.findIndex((l) => l.startsWith('m='));
  if (sessionEnd < 0) return { ok: false, reason: 'no media section' };
  const session = all.slice(0, sessionEnd);
  const sections: string[][] = [];
  for (const l of all.slice(sessionEnd)) {
    if (l.startsWith('m=')) sections.push([l]);
    else sections[sections.length - 1]!.push(l);
  }
  const sessionAttr = (prefix: string) => session.find((l) => l.startsWith(prefix));
  const audio: AudioSection[] = [];
  let setup: string | null = sessionAttr('a=setup:')?.slice(8) ?? null;
  for (const sec of sections) {
    const m = /^m=(\w+) (\d+) (\S+)/.exec(sec[0]!);
    if (!m || m[1] !== 'audio') continue;
    const attr = (prefix: string) => sec.find((l) => l.startsWith(prefix)) ?? sessionAttr(prefix);
    if (!m[3]!.includes('SAVPF')) return { ok: false, reason: `audio transport ${m[3]} is not DTLS-SRTP (UDP/TLS/RTP/SAVPF)` };
    const fp = attr('a=fingerprint:');
    if (!fp) return { ok: false, reason: 'no DTLS fingerprint' };
    if (!/^a=fingerprint:sha-256 ([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/.test(fp)) return { ok: false, reason: 'fingerprint is not sha-256' };
    if (!attr('a=ice-ufrag:') || !attr('a=ice-pwd:')) return { ok: false, reason: 'no ICE credentials' };
    const mid = attr('a=mid:')?.slice(6);
    if (!mid) return { ok: false, reason: 'audio section has no a=mid' };
    const opus = sec.map((l) => /^a=rtpmap:(\d+) opus\/48000/i.exec(l)).find((x) => x);
    if (!opus) return { ok: false, reason: 'audio section does not offer Opus/48000' };
    const dtmf = sec.map((l) => /^a=rtpmap:(\d+) telephone-event\/8000/i.exec(l)).find((x) => x);
    const dir = (['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const).find((d) => sec.includes(`a=${d}`)) ?? 'sendrecv';
    setup = sec.find((l) => l.startsWith('a=setup:'))?.slice(8) ?? setup;
    audio.push({ mid, direction: dir, opusPayloadType: Number(opus[1]), ...(dtmf ? { dtmfPayloadType: Number(dtmf[1]) } : {}), port: Number(m[2]) });
  }
  if (audio.length === 0) return { ok: false, reason: 'no audio m-line' };
  return { ok: true, summary: { audio, iceLite: all.includes('a=ice-lite'), setup } };
}

/** Meta's answer to our offer may say actpass; Meta is the DTLS client, so it means active. */
export const actpassAsActive = (sdp: string): string => sdp.replace(/a=setup:actpass/g, 'a=setup:active');

/** The direction our own description gives its first audio section (guards against a recvonly answer). */
export function firstAudioDirection(sdp: string): string | null {
  const r = inspectSdp(sdp);
  return r.ok ? r.summary.audio[0]!.direction : null;
}
