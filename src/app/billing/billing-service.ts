import { billingPolicyFromSettings, checkMinimumBalance, topUp } from '../../domain/billing/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { type Page, toPage } from '../pagination.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { lockVoiceBalance, recordPosting, type StoredLedgerEntry } from './voice-balance.js';

/** One row of the rate table: the callee's ISO country, or `*` for every other country. */
export interface RateRow {
  country: string;
  rate_per_minute_minor: number;
}

export interface BalanceView {
  balance_minor: number;
  currency: string;
  minimum_balance_minor: number;
  minimum_top_up_minor: number;
  /** Below the minimum: calls and invites are refused until a top-up. */
  below_minimum: boolean;
  /** Who to ask for a top-up (SPEC §5): the tenant's admins. */
  top_up_contacts: { id: string; name: string; email: string }[];
  updated_at: Date | null;
}

/** Rates, balance, top-ups and the ledger (SPEC §5 "Balance"). Money is integers in minor units. */
export function createBillingService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function rates(tenantId: string): Promise<{ currency: string; items: RateRow[] }> {
    const tenant = await db.selectFrom('tenants').select('currency').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const items = await db.selectFrom('voice_rates').select(['country', 'rate_per_minute_minor']).where('tenant_id', '=', tenantId).orderBy('country').execute();
    return { currency: tenant.currency, items };
  }

  return {
    rates: (actor: Actor) => rates(actor.tenantId),

    /** Replaces the whole rate table. */
    async setRates(actor: Actor, rows: RateRow[]): Promise<{ currency: string; items: RateRow[] }> {
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('voice_rates').where('tenant_id', '=', actor.tenantId).execute();
        if (rows.length > 0) {
          await tx
            .insertInto('voice_rates')
            .values(rows.map((r) => ({ id: ids.next(), tenant_id: actor.tenantId, country: r.country, rate_per_minute_minor: r.rate_per_minute_minor, created_at: now, updated_at: now })))
            .execute();
        }
      });
      return rates(actor.tenantId);
    },

    async balance(actor: Actor): Promise<BalanceView> {
      const settings = await loadSettings(db, actor.tenantId);
      const policy = billingPolicyFromSettings(settings);
      const tenant = await db.selectFrom('tenants').select('currency').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
      const row = await db.selectFrom('voice_balances').select(['balance_minor', 'updated_at']).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
      const admins = await db
        .selectFrom('users')
        .select(['id', 'name', 'email'])
        .where('tenant_id', '=', actor.tenantId)
        .where('role', '=', 'admin')
        .where('disabled', '=', false)
        .orderBy('name')
        .execute();
      const balanceMinor = row?.balance_minor ?? 0;
      return {
        balance_minor: balanceMinor,
        currency: tenant.currency,
        minimum_balance_minor: policy.minimumBalanceMinor,
        minimum_top_up_minor: policy.minimumTopUpMinor,
        below_minimum: !checkMinimumBalance(balanceMinor, policy).ok,
        top_up_contacts: admins,
        updated_at: row?.updated_at ?? null,
      };
    },

    /** Credits the balance: one ledger row and the new balance in one transaction, under the balance row's lock. */
    async topUp(actor: Actor, input: { amount_minor: number; note?: string | null | undefined }): Promise<{ entry: StoredLedgerEntry; balance_minor: number }> {
      const settings = await loadSettings(db, actor.tenantId);
      const now = clock.now();
      const done = await db.transaction().execute(async (tx) => {
        const locked = await lockVoiceBalance(tx, actor.tenantId, now);
        const result = topUp({ currency: locked.currency, amountMinor: locked.balanceMinor }, input.amount_minor, now, billingPolicyFromSettings(settings));
        if (!result.ok) throw new AppError(result.code, result.message, result.details);
        const posting = { ...result.value, entry: { ...result.value.entry, note: input.note ?? null } };
        const entry = await recordPosting(tx, locked, posting, { id: ids.next(), createdBy: actor.userId, now });
        return { entry, balance_minor: posting.balance.amountMinor };
      });
      await this.afterTopUp?.(actor.tenantId);
      return done;
    },

    /** Set by the composition root: what else happens after a top-up (live calls' balance cut-offs move later). */
    afterTopUp: undefined as undefined | ((tenantId: string) => Promise<void>),

    /** Newest first. */
    async ledger(actor: Actor, q: { limit: number; cursor?: string | undefined; kind?: StoredLedgerEntry['kind'] | undefined; call_id?: string | undefined }): Promise<Page<StoredLedgerEntry>> {
      let query = db
        .selectFrom('ledger_entries as l')
        .innerJoin('tenants as t', 't.id', 'l.tenant_id')
        .select(['l.id', 'l.kind', 'l.amount_minor', 'l.balance_after_minor', 't.currency', 'l.call_id', 'l.note', 'l.created_by', 'l.created_at'])
        .where('l.tenant_id', '=', actor.tenantId);
      if (q.kind) query = query.where('l.kind', '=', q.kind);
      if (q.call_id) query = query.where('l.call_id', '=', q.call_id);
      if (q.cursor) query = query.where('l.id', '<', q.cursor);
      const rows = await query.orderBy('l.id', 'desc').limit(q.limit + 1).execute();
      return toPage(rows, q.limit);
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
