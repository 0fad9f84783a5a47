import type { Posting } from '../../domain/billing/index.js';
import type { Tx } from '../deps.js';

export interface LockedBalance {
  tenantId: string;
  currency: string;
  balanceMinor: number;
}

/**
 * Locks the tenant's voice balance for the rest of the transaction, creating the row at zero the
 * first time (insert ... on conflict do nothing, then select ... for update), so concurrent
 * postings of one tenant apply one after the other.
 */
export async function lockVoiceBalance(tx: Tx, tenantId: string, now: Date): Promise<LockedBalance> {
  await tx.insertInto('voice_balances').values({ tenant_id: tenantId, balance_minor: 0, updated_at: now }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const row = await tx
    .selectFrom('voice_balances as b')
    .innerJoin('tenants as t', 't.id', 'b.tenant_id')
    .select(['b.balance_minor', 't.currency'])
    .where('b.tenant_id', '=', tenantId)
    .forUpdate('b')
    .executeTakeFirstOrThrow();
  return { tenantId, currency: row.currency, balanceMinor: row.balance_minor };
}

export interface StoredLedgerEntry {
  id: string;
  kind: Posting['entry']['kind'];
  amount_minor: number;
  balance_after_minor: number;
  currency: string;
  call_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

/** Writes a posting computed by the billing domain under the lock from `lockVoiceBalance`: one ledger row and the new balance. */
export async function recordPosting(
  tx: Tx, locked: LockedBalance, posting: Posting, meta: { id: string; createdBy: string | null; now: Date },
): Promise<StoredLedgerEntry> {
  const e = posting.entry;
  await tx
    .insertInto('ledger_entries')
    .values({
      id: meta.id, tenant_id: locked.tenantId, kind: e.kind, amount_minor: e.amountMinor, balance_after_minor: e.balanceAfterMinor,
      call_id: e.callId, note: e.note, created_by: meta.createdBy, created_at: meta.now,
    })
    .execute();
  await tx.updateTable('voice_balances').set({ balance_minor: posting.balance.amountMinor, updated_at: meta.now }).where('tenant_id', '=', locked.tenantId).execute();
  return {
    id: meta.id, kind: e.kind, amount_minor: e.amountMinor, balance_after_minor: e.balanceAfterMinor, currency: locked.currency,
    call_id: e.callId, note: e.note, created_by: meta.createdBy, created_at: meta.now,
  };
}
