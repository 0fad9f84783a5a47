import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../../src/providers/meta/verify-signature.js';

const SECRET = 'app-secret-value';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
// Computed independently of signBody.
const good = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('X-Hub-Signature-256 (reference §1.1)', () => {
  it('accepts HMAC-SHA256 of the exact bytes keyed with the app secret', () => {
    expect(verifySignature(body, good, SECRET)).toEqual({ ok: true });
    expect(signBody(body, SECRET)).toBe(good);
    expect(verifySignature(body, good.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toEqual({ ok: true });
    expect(verifySignature(body, [good], SECRET)).toEqual({ ok: true });
  });

  it.each([
    ['another secret', () => verifySignature(body, good, 'other-secret'), 'mismatch'],
    ['a tampered body', () => verifySignature(Buffer.from(body.toString().replace('[]', '[{}]')), good, SECRET), 'mismatch'],
    ['the same JSON re-serialised with spaces', () => verifySignature(Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1)), good, SECRET), 'mismatch'],
    ['no header', () => verifySignature(body, undefined, SECRET), 'missing'],
    ['no sha256= prefix', () => verifySignature(body, good.slice('sha256='.length), SECRET), 'malformed'],
    ['sha1 instead', () => verifySignature(body, `sha1=${crypto.createHmac('sha1', SECRET).update(body).digest('hex')}`, SECRET), 'malformed'],
    ['a truncated digest', () => verifySignature(body, good.slice(0, -2), SECRET), 'malformed'],
    ['non-hex digits', () => verifySignature(body, `sha256=${'z'.repeat(64)}`, SECRET), 'malformed'],
    ['an empty body', () => verifySignature(Buffer.alloc(0), signBody('', SECRET), SECRET), 'empty_body'],
    ['no body at all', () => verifySignature(undefined, good, SECRET), 'empty_body'],
  ])('refuses %s', (_name, check, reason) => {
    expect(check()).toEqual({ ok: false, reason });
  });
});
