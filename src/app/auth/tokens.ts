import crypto from 'node:crypto';

export const newToken = (): string => `sb_${crypto.randomBytes(32).toString('base64url')}`;
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');
