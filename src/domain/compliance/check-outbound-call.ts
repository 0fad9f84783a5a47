import type { Result } from '../errors.js';
import type { Rate } from '../billing/index.js';
import { canCall, defaultPermissionPolicy, effectiveStatus, initialPermissionState, mayCall } from '../permissions/index.js';
import { countryOfNumber } from './country-of-number.js';
import type { OutboundFacts } from './outbound-facts.js';
import { firstRefusal, refuse, type Refusal } from './refusal.js';
import { checkBusinessCountry, checkChannelSwitches, checkDestination, checkRateAndBalance, checkValidDestination } from './shared-checks.js';

export type OutboundRefusalCode =
  | 'INVALID_PHONE_NUMBER' | 'VOICE_CALLING_DISABLED' | 'OUTBOUND_DISABLED' | 'NO_CALL_PERMISSION' | 'COUNTRY_NOT_SUPPORTED'
  | 'DESTINATION_NOT_ALLOWED' | 'DO_NOT_CALL' | 'DENY_LISTED' | 'CALL_LIMIT_REACHED' | 'NO_RATE_FOR_DESTINATION'
  | 'INSUFFICIENT_BALANCE' | 'AGENT_BUSY';

export interface OutboundClearance {
  destinationCountry: string | null;
  rate: Rate;
  /** Talk time after which the bridge must end the call for lack of balance; null when it never has to. */
  cutoffAfterSeconds: number | null;
  /** The last business calls went unanswered: tell the agent to reconsider (the call is still allowed). */
  warnConsecutiveUnanswered: boolean;
}

/**
 * May this agent place this call now? Checks, in this order, and refuses with the first failing code and no
 * side effect: a valid number; voice calling on, outbound on; permission; business-number country; destination
 * country; do-not-call, deny/allow list; 24 h connected-call limit; a rate for the destination; balance; the
 * agent not on a call. Voice (SIP) channels skip the WhatsApp-only checks.
 */
export function checkOutboundCall(facts: OutboundFacts & { agentOnCall: boolean }): Result<OutboundClearance, OutboundRefusalCode> {
  const whatsapp = facts.channel.type === 'whatsapp';
  const permission = facts.permission ?? initialPermissionState();
  const policy = facts.permissionPolicy ?? defaultPermissionPolicy;
  let priced: { rate: Rate; cutoffAfterSeconds: number | null } | undefined;

  const refusal = firstRefusal<OutboundRefusalCode>([
    () => checkValidDestination(facts.destinationNumber),
    () => checkChannelSwitches(facts.channel),
    () => {
      if (!whatsapp) return null;
      const status = effectiveStatus(permission, facts.now);
      return mayCall(status) ? null : refuse('NO_CALL_PERMISSION', 'The customer has not granted (or no longer grants) permission to be called.', {
        permission_status: status,
      });
    },
    () => checkBusinessCountry(facts),
    () => checkDestination(facts),
    () => {
      if (!whatsapp) return null;
      const verdict = canCall(permission, facts.now, policy);
      return verdict.ok ? null : refuse(verdict.code, verdict.message, verdict.details);
    },
    () => {
      const result = checkRateAndBalance(facts);
      if ('refusal' in result) return result.refusal;
      priced = result;
      return null;
    },
    (): Refusal<'AGENT_BUSY'> | null => (facts.agentOnCall ? refuse('AGENT_BUSY', 'The agent is already on a call.') : null),
  ]);
  if (refusal !== null) return refusal;
  return {
    ok: true,
    value: {
      destinationCountry: countryOfNumber(facts.destinationNumber)?.country ?? null,
      rate: priced!.rate,
      cutoffAfterSeconds: priced!.cutoffAfterSeconds,
      warnConsecutiveUnanswered: whatsapp && permission.consecutiveUnanswered >= policy.warnAfterUnanswered,
    },
  };
}
