import { billableSeconds, billingPolicyFromSettings, chargeCall, chargeForCall } from '../../domain/billing/index.js';
import type { CallRow } from '../calls/call-row.js';
import { CALL_TIMERS } from '../calls/call-timers.js';
import type { CoreDeps, Tx } from '../deps.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { shareBalanceCutoffs } from './balance-share.js';
import { loadLiveBusinessCalls } from './live-business-calls.js';
import { loadRateTable, rateForNumber } from './tenant-rates.js';
import { lockVoiceBalance, recordPosting } from './voice-balance.js';

/**
 * Voice billing of calls, run inside the call engine's transactions (its `onEnded` and `onConnected`
 * hooks): an answered business-initiated call is charged once when it ends, at the callee country's rate,
 * under the voice balance's row lock; while business calls are connected, each has a `call.balance_cutoff`
 * timer at the moment the balance can no longer pay its next unit.
 */
export function createCallCharges(deps: Pick<CoreDeps, 'clock' | 'ids' | 'scheduler' | 'log'>) {
  const { clock, ids, scheduler, log } = deps;

  /** Reschedules the balance cut-off of every connected business call of the tenant. Takes the balance lock. */
  async function rescheduleCutoffs(tx: Tx, tenantId: string): Promise<void> {
    const now = clock.now();
    const table = await loadRateTable(tx, tenantId);
    const live = await loadLiveBusinessCalls(tx, tenantId, table);
    if (live.length === 0) return;
    const balance = await lockVoiceBalance(tx, tenantId, now);
    const { granularity } = billingPolicyFromSettings(await loadSettings(tx, tenantId));
    const cutoffs = shareBalanceCutoffs({ balanceMinor: balance.balanceMinor, now, granularity, calls: live });
    for (const [callId, at] of cutoffs) {
      if (at === null) await scheduler.cancel(tx, CALL_TIMERS.balanceCutoff, callId);
      else await scheduler.schedule(tx, { kind: CALL_TIMERS.balanceCutoff, key: callId, tenantId, dueAt: at });
    }
  }

  const charged = (call: CallRow) => call.direction === 'outbound' && call.answered_at !== null && call.ended_at !== null;

  /** A call ended that is not charged costs nothing: written with the call's final state. */
  function endedColumns(call: CallRow): { cost_minor?: number } {
    return !charged(call) && call.cost_minor === null ? { cost_minor: 0 } : {};
  }

  /** A call ended: business calls that were answered are charged (once, whatever the retries). */
  async function onEnded(tx: Tx, call: CallRow): Promise<void> {
    const now = clock.now();
    if (!charged(call) || call.answered_at === null || call.ended_at === null) return;
    const balance = await lockVoiceBalance(tx, call.tenant_id, now);
    // The balance lock serialises every posting of the tenant, so this check cannot race with another charge.
    const existing = await tx.selectFrom('ledger_entries').select('amount_minor').where('call_id', '=', call.id).where('kind', '=', 'call_charge').executeTakeFirst();
    if (existing) return;
    const table = await loadRateTable(tx, call.tenant_id);
    const rate = rateForNumber(table, call.customer_number);
    const { granularity } = billingPolicyFromSettings(await loadSettings(tx, call.tenant_id));
    if (rate === null) log.warn({ callId: call.id, tenantId: call.tenant_id }, 'answered business call without a rate: not charged');
    const seconds = billableSeconds(call.answered_at, call.ended_at);
    const charge = chargeForCall({ direction: 'business_initiated', answered: true, durationSeconds: seconds, perMinuteMinor: rate?.perMinuteMinor ?? 0, granularity });
    const posting = chargeCall({ currency: balance.currency, amountMinor: balance.balanceMinor }, { callId: call.id, amountMinor: charge.amountMinor, now });
    if (posting) {
      const unit = granularity === 'per_minute' ? 'min' : '6 s';
      const note = `${charge.units} × ${unit} at ${rate!.perMinuteMinor}/min (${seconds} s talked)`;
      await recordPosting(tx, balance, { ...posting, entry: { ...posting.entry, note } }, { id: ids.next(), createdBy: null, now });
    }
    await tx.updateTable('calls').set({ cost_minor: charge.amountMinor, currency: balance.currency }).where('id', '=', call.id).execute();
    // The charge lowered the balance: the other live calls' cut-offs move.
    await rescheduleCutoffs(tx, call.tenant_id);
  }

  /** A business call connected: it (and the tenant's other live calls) get their balance cut-off. */
  async function onConnected(tx: Tx, call: CallRow): Promise<void> {
    if (call.direction !== 'outbound') return;
    await rescheduleCutoffs(tx, call.tenant_id);
  }

  return { endedColumns, onEnded, onConnected, rescheduleCutoffs };
}

export type CallCharges = ReturnType<typeof createCallCharges>;
