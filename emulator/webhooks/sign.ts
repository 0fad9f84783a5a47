import { createHmac } from 'node:crypto';

/** `X-Hub-Signature-256` value: `sha256=` + hex HMAC-SHA256 of the exact body bytes keyed with the app secret. */
export const signatureHeader = (body: string | Buffer, appSecret: string): string =>
  'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
