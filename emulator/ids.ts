import { randomBytes } from 'node:crypto';

/** Meta-looking identifiers. The shapes follow the samples in Meta's docs; only the prefixes matter to clients. */
function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'A');
}

export const newCallId = (): string => `wacid.${token(24)}`;
export const newMessageId = (): string => `wamid.${token(30)}`;
export const newFbTraceId = (): string => token(8);
export const newDeliveryId = (): string => `whd_${token(9)}`;
