import { describe, expect, it } from 'vitest';
import { actpassAsActive, inspectSdp } from '../../../src/media/sdp/sdp-checks.js';

const META_OFFER = [
  'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=ice-lite',
  'm=audio 3480 UDP/TLS/RTP/SAVPF 111 126', 'c=IN IP4 157.240.1.1',
  'a=candidate:1 1 udp 2113937151 157.240.1.1 3480 typ host', 'a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdefghij',
  `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`, 'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2', 'a=rtpmap:126 telephone-event/8000', '',
].join('\r\n');

describe('SDP checks', () => {
  it('reads a Meta-shaped offer', () => {
    expect(inspectSdp(META_OFFER)).toEqual({ ok: true, summary: { iceLite: true, setup: 'actpass', audio: [{ mid: '0', direction: 'sendrecv', opusPayloadType: 111, dtmfPayloadType: 126, port: 3480 }] } });
    expect(inspectSdp(META_OFFER.replace(/\r\n/g, '\n')).ok).toBe(true);
  });

  it.each([
    ['no fingerprint', META_OFFER.replace(/a=fingerprint.*\r\n/, ''), /fingerprint/],
    ['a sha-1 fingerprint', META_OFFER.replace('sha-256', 'sha-1'), /sha-256/],
    ['no ICE credentials', META_OFFER.replace(/a=ice-pwd.*\r\n/, ''), /ICE/],
    ['no Opus', META_OFFER.replace('opus/48000/2', 'PCMU/8000'), /Opus/],
    ['no audio', META_OFFER.replace('m=audio', 'm=video'), /audio/],
    ['plain RTP', META_OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP'), /DTLS/],
    ['not SDP at all', '{"sdp":"v=0"}', /v=0/],
  ])('rejects an offer with %s', (_name, sdp, reason) => {
    const r = inspectSdp(sdp);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('treats actpass in an answer as active', () => {
    expect(actpassAsActive(META_OFFER)).toContain('a=setup:active');
    expect(actpassAsActive(META_OFFER)).not.toContain('actpass');
  });
});
