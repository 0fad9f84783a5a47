import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../src/media/engine/self-signed-certificate.js';
import { answerAsRemoteOffer, buildOfferSdp } from '../../../src/media/sdp/offer-sdp.js';
import { inspectSdp } from '../../../src/media/sdp/sdp-checks.js';

const FINGERPRINT = Array(32).fill('AB').join(':');
const offer = buildOfferSdp({
  sessionId: '123', iceUfrag: 'uFrag123', icePwd: 'pwd4567890123456789012345', fingerprint: FINGERPRINT,
  candidates: [{ address: '10.0.0.5', port: 40000 }],
  tracks: [
    { mid: '0', direction: 'sendrecv', ssrc: 11, cname: 'sb-a', opusPayloadType: 111 },
    { mid: '1', direction: 'sendonly', ssrc: 22, cname: 'sb-a', opusPayloadType: 111 },
  ],
});

describe('our offer to a browser', () => {
  it('is a complete actpass offer with both sections bundled on our one host candidate', () => {
    expect(inspectSdp(offer)).toEqual({ ok: true, summary: { iceLite: false, setup: 'actpass', audio: [
      { mid: '0', direction: 'sendrecv', opusPayloadType: 111, port: 40000 },
      { mid: '1', direction: 'sendonly', opusPayloadType: 111, port: 40000 },
    ] } });
    expect(offer).toContain('a=group:BUNDLE 0 1\r\n');
    expect(offer).toContain(`a=fingerprint:sha-256 ${FINGERPRINT}\r\n`);
    expect(offer.match(/^a=candidate:.*$/gm)).toEqual(['a=candidate:1 1 UDP 2122317823 10.0.0.5 40000 typ host']);
    expect(offer.match(/a=end-of-candidates/g)).toHaveLength(1);
    expect(offer.match(/a=ice-ufrag:uFrag123/g)).toHaveLength(2);
    expect(offer).toContain('a=ssrc:22 cname:sb-a');
    expect(offer.endsWith('\r\n')).toBe(true);
    expect(offer).not.toMatch(/[^\r]\n/);
  });

  it('announces telephone-event when a track negotiates DTMF', () => {
    const withDtmf = buildOfferSdp({
      sessionId: '1', iceUfrag: 'uFrag123', icePwd: 'pwd4567890123456789012345', fingerprint: FINGERPRINT, candidates: [{ address: '127.0.0.1', port: 5000 }],
      tracks: [{ mid: '0', direction: 'sendrecv', ssrc: 1, cname: 'c', opusPayloadType: 111, dtmfPayloadType: 126 }],
    });
    expect(withDtmf).toContain('m=audio 5000 UDP/TLS/RTP/SAVPF 111 126\r\n');
    expect(withDtmf).toContain('a=rtpmap:126 telephone-event/8000\r\n');
  });
});

describe('the browser answer, as the remote offer of our answering peer', () => {
  const answer = ['v=0', 'o=- 9 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0',
    'a=candidate:1 1 udp 2113937151 abc.local 51000 typ host', 'a=end-of-candidates', 'a=setup:active', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:1', ''].join('\r\n');

  it('keeps us ICE-controlling (a=ice-lite at session level) and adds the addresses the early checks came from', () => {
    const remote = answerAsRemoteOffer(answer, [{ address: '192.0.2.7', port: 61000 }]);
    const lines = remote.split('\r\n');
    expect(lines.indexOf('a=ice-lite')).toBe(lines.indexOf('m=audio 9 UDP/TLS/RTP/SAVPF 111') - 1);
    const added = lines.indexOf('a=candidate:sb1 1 UDP 2122317723 192.0.2.7 61000 typ host');
    expect(added).toBeGreaterThan(lines.indexOf('a=mid:0'));
    expect(added).toBe(lines.indexOf('a=end-of-candidates') - 1);
    expect(lines.filter((l) => l.startsWith('a=candidate'))).toHaveLength(2);
  });

  it('changes nothing else, and does not repeat a=ice-lite', () => {
    const once = answerAsRemoteOffer(answer);
    expect(answerAsRemoteOffer(once)).toBe(once);
    expect(once.replace('a=ice-lite\r\n', '')).toBe(answer);
  });
});

describe('the worker certificate', () => {
  it('is a self-signed ECDSA P-256 certificate whose fingerprint is what the SDP announces', () => {
    const now = Date.UTC(2026, 0, 15);
    const cert = createSelfSignedCertificate(now);
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.fingerprint256).toBe(cert.fingerprint);
    expect(cert.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(new Date(x509.validFrom).getTime()).toBeLessThan(now);
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(now + 300 * 86_400_000);
    expect(cert.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});
