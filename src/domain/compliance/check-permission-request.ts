import type { Result } from '../errors.js';
import { canRequest, defaultPermissionPolicy, initialPermissionState } from '../permissions/index.js';
import type { OutboundFacts } from './outbound-facts.js';
import { firstRefusal, refuse } from './refusal.js';
import { checkBalance, checkBusinessCountry, checkChannelSwitches, checkDestination, checkValidDestination } from './shared-checks.js';

export type PermissionRequestRefusalCode =
  | 'INVALID_PHONE_NUMBER' | 'VOICE_CALLING_DISABLED' | 'OUTBOUND_DISABLED' | 'COUNTRY_NOT_SUPPORTED' | 'DESTINATION_NOT_ALLOWED'
  | 'DO_NOT_CALL' | 'DENY_LISTED' | 'ALREADY_PERMANENT' | 'NO_ACTIVE_CONVERSATION' | 'PERMISSION_REQUEST_LIMIT'
  | 'INSUFFICIENT_BALANCE';

/**
 * May the agent send "Invite to call" (a call-permission request) now? Nobody is asked for permission to a
 * call that could not be placed: the channel switches, the business-number country, the destination rules and
 * the minimum balance apply as for a call, then the request rules (permanent already, active conversation,
 * 1 per 24 h / 2 per 7 days). WhatsApp channels only.
 */
export function checkPermissionRequest(
  facts: Omit<OutboundFacts, 'rateTable'> & { hasActiveConversation: boolean },
): Result<undefined, PermissionRequestRefusalCode> {
  const permission = facts.permission ?? initialPermissionState();
  const refusal = firstRefusal<PermissionRequestRefusalCode>([
    () => checkValidDestination(facts.destinationNumber),
    () => checkChannelSwitches(facts.channel),
    () => checkBusinessCountry(facts),
    () => checkDestination(facts),
    () => {
      const verdict = canRequest(permission, { now: facts.now, hasActiveConversation: facts.hasActiveConversation },
        facts.permissionPolicy ?? defaultPermissionPolicy);
      return verdict.ok ? null : refuse(verdict.code, verdict.message, verdict.details ?? {});
    },
    () => checkBalance(facts),
  ]);
  return refusal ?? { ok: true, value: undefined };
}
