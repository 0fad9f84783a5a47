import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

/** A DTLS identity: PEM certificate and key, and the sha-256 fingerprint our SDP announces. */
export interface DtlsCertificate {
  certPem: string;
  keyPem: string;
  /** Upper-case hex pairs joined by colons, as in `a=fingerprint:sha-256 ...`. */
  fingerprint: string;
}

// DER (X.690) building blocks: just what a self-signed ECDSA certificate needs.
const derLength = (n: number): Buffer =>
  n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const utcTime = (ms: number): Buffer => tlv(0x17, Buffer.from(`${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));
const ECDSA_WITH_SHA256 = sequence(Buffer.from('06082a8648ce3d040302', 'hex'));
const COMMON_NAME = Buffer.from('0603550403', 'hex');

/**
 * An ECDSA P-256 self-signed certificate, made once per worker. WebRTC peers only check its fingerprint against the
 * SDP, so one certificate serves every leg of the worker, and a peer created later (when an answer arrives) has
 * the identity an earlier offer announced.
 */
export function createSelfSignedCertificate(nowMs: number, commonName = 'switchboard'): DtlsCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = sequence(tlv(0x31, sequence(COMMON_NAME, tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const serial = randomBytes(8);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and without a leading zero byte
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
    tlv(0x02, serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(nowMs - 86_400_000), utcTime(nowMs + 365 * 86_400_000)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const der = sequence(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}
