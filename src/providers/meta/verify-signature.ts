import crypto from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'empty_body' };

/** `X-Hub-Signature-256: sha256=<hex>` = HMAC-SHA256(app secret, raw body), compared in constant time. */
export function verifySignature(rawBody: Buffer | undefined, header: string | string[] | undefined, appSecret: string): SignatureCheck {
  if (!rawBody || rawBody.length === 0) return { ok: false, reason: 'empty_body' };
  if (header === undefined) return { ok: false, reason: 'missing' };
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(value ?? '');
  if (!m) return { ok: false, reason: 'malformed' };
  const expected = crypto.createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(m[1]!, 'hex');
  return crypto.timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export const signBody = (rawBody: Buffer | string, appSecret: string): string =>
  `sha256=${crypto.createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
