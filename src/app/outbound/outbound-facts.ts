import { billingPolicyFromSettings } from '../../domain/billing/index.js';
import { checkOutboundCall, countryOfNumber, type OutboundClearance, type OutboundFacts, type OutboundRefusalCode } from '../../domain/compliance/index.js';
import { AppError, type Result } from '../../domain/errors.js';
import { permissionPolicyFromSettings, type PermissionState } from '../../domain/permissions/index.js';
import { uncommittedBalance } from '../billing/balance-share.js';
import { loadLiveBusinessCalls } from '../billing/live-business-calls.js';
import { loadRateTable } from '../billing/tenant-rates.js';
import type { DbOrTx } from '../deps.js';
import { readPermission } from '../permissions/permission-row.js';
import { loadSettings } from '../tenants/tenant-settings.js';

/** Whom a business-initiated call (or an invite to call) goes to. */
export interface OutboundTarget {
  tenantId: string;
  channelId: string;
  /** The customer's contact (their call permission is kept per contact and channel); null: the contact with that number, if any. */
  contactId: string | null;
  /** E.164. */
  destinationNumber: string;
}

/**
 * Everything the outbound checks look at, read from the database: the channel's switches and number,
 * the customer's permission (or `permission` when the caller already holds it locked), the tenant's
 * destination countries and number lists, rates, balance (minus what live calls committed) and policies.
 */
export async function loadOutboundFacts(
  q: DbOrTx, target: OutboundTarget, now: Date, opts: { permission?: PermissionState | null } = {},
): Promise<OutboundFacts> {
  const channel = await q
    .selectFrom('channels').select(['type', 'voice_calling_enabled', 'outbound_enabled', 'display_number'])
    .where('id', '=', target.channelId).where('tenant_id', '=', target.tenantId)
    .executeTakeFirst();
  if (!channel) throw new AppError('NOT_FOUND', 'No such channel.');
  // Lists and contacts hold E.164: a number typed with spaces or dashes is compared in that form.
  const number = countryOfNumber(target.destinationNumber)?.e164 ?? target.destinationNumber;
  const settings = await loadSettings(q, target.tenantId);
  const billingPolicy = billingPolicyFromSettings(settings);
  // A bare number (a callback's editable number) is the permission of the tenant's contact with that number.
  const contactId = target.contactId
    ?? (await q.selectFrom('contacts').select('id').where('tenant_id', '=', target.tenantId).where('phone_e164', '=', number).executeTakeFirst())?.id
    ?? null;
  const permission = opts.permission !== undefined ? opts.permission
    : contactId ? await readPermission(q, { tenantId: target.tenantId, channelId: target.channelId, contactId }) : null;
  const countries = await q.selectFrom('allowed_destination_countries').select('country').where('tenant_id', '=', target.tenantId).execute();
  const listed = await q
    .selectFrom('compliance_numbers').select(['list', 'phone_e164'])
    .where('tenant_id', '=', target.tenantId)
    .where((eb) => eb.or([eb('list', '=', 'allow'), eb('phone_e164', '=', number)]))
    .execute();
  const rateTable = await loadRateTable(q, target.tenantId);
  const stored = await q.selectFrom('voice_balances').select('balance_minor').where('tenant_id', '=', target.tenantId).executeTakeFirst();
  const live = await loadLiveBusinessCalls(q, target.tenantId, rateTable);
  const of = (list: string) => listed.filter((r) => r.list === list).map((r) => r.phone_e164);
  return {
    now,
    channel: {
      type: channel.type, voiceCallingEnabled: channel.voice_calling_enabled, outboundEnabled: channel.outbound_enabled, businessNumber: channel.display_number,
    },
    destinationNumber: target.destinationNumber,
    permission,
    permissionPolicy: permissionPolicyFromSettings(settings),
    allowedDestinationCountries: countries.map((c) => c.country),
    numberLists: { doNotCall: of('do_not_call'), deny: of('deny'), allow: of('allow') },
    balance: { currency: rateTable.currency, amountMinor: uncommittedBalance(stored?.balance_minor ?? 0, live, now, billingPolicy.granularity) },
    rateTable: rateTable.rows.length > 0 ? rateTable : null,
    billingPolicy,
  };
}

/**
 * The outbound compliance gate in one call, for every feature that dials a customer (the call button,
 * a scheduled callback, a callback from a record): the ordered checks of `checkOutboundCall` over facts
 * read from the database, with `agentId`'s current call. No side effect.
 */
export async function checkOutboundCompliance(
  q: DbOrTx, target: OutboundTarget & { agentId: string | null }, now: Date,
): Promise<Result<OutboundClearance & { facts: OutboundFacts }, OutboundRefusalCode>> {
  const facts = await loadOutboundFacts(q, target, now);
  const presence = target.agentId
    ? await q.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', target.agentId).executeTakeFirst()
    : undefined;
  const verdict = checkOutboundCall({ ...facts, agentOnCall: Boolean(presence?.current_call_id) });
  return verdict.ok ? { ok: true, value: { ...verdict.value, facts } } : verdict;
}
