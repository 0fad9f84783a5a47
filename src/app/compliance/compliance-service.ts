import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps } from '../deps.js';
import { type Page, toPage } from '../pagination.js';
import { normalizePhoneNumber, parsePhoneNumber } from '../phone-numbers/normalize-phone-number.js';

export const complianceLists = ['do_not_call', 'deny', 'allow'] as const;
export type ComplianceList = (typeof complianceLists)[number];

export interface ComplianceNumberView {
  id: string;
  list: ComplianceList;
  phone_number: string;
  country: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

const columns = ['id', 'list', 'phone_e164', 'note', 'created_by', 'created_at'] as const;

/** The tenant's do-not-call, deny and allow lists and its allowed destination countries (SPEC §5, §9). */
export function createComplianceService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  const toView = ({ phone_e164, ...r }: { id: string; list: ComplianceList; phone_e164: string; note: string | null; created_by: string | null; created_at: Date }): ComplianceNumberView =>
    ({ ...r, phone_number: phone_e164, country: parsePhoneNumber(phone_e164)?.country ?? null });

  async function getNumber(tenantId: string, id: string): Promise<ComplianceNumberView> {
    const row = await db.selectFrom('compliance_numbers').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such list entry.');
    return toView(row);
  }

  async function countries(tenantId: string): Promise<Page<{ country: string; created_at: Date }>> {
    const items = await db.selectFrom('allowed_destination_countries').select(['country', 'created_at']).where('tenant_id', '=', tenantId).orderBy('country').execute();
    return { items, next_cursor: null };
  }

  return {
    getNumber: (actor: Actor, id: string) => getNumber(actor.tenantId, id),

    async listNumbers(actor: Actor, q: { limit: number; cursor?: string | undefined; list?: ComplianceList | undefined }): Promise<Page<ComplianceNumberView>> {
      let query = db.selectFrom('compliance_numbers').select(columns).where('tenant_id', '=', actor.tenantId);
      if (q.list) query = query.where('list', '=', q.list);
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      return { items: page.items.map(toView), next_cursor: page.next_cursor };
    },

    async addNumber(actor: Actor, input: { list: ComplianceList; phone_number: string; note?: string | null | undefined }): Promise<ComplianceNumberView> {
      const n = normalizePhoneNumber(input.phone_number, 'body.phone_number');
      const id = ids.next();
      try {
        await db
          .insertInto('compliance_numbers')
          .values({ id, tenant_id: actor.tenantId, list: input.list, phone_e164: n.e164, note: input.note ?? null, created_by: actor.userId, created_at: clock.now() })
          .execute();
      } catch (e) {
        if (uniqueViolation(e) === 'compliance_numbers_key') {
          throw new AppError('NUMBER_ALREADY_LISTED', `${n.e164} is already on the ${input.list} list.`, { list: input.list, phone_number: n.e164 });
        }
        throw e;
      }
      return getNumber(actor.tenantId, id);
    },

    async removeNumber(actor: Actor, id: string): Promise<void> {
      await getNumber(actor.tenantId, id);
      await db.deleteFrom('compliance_numbers').where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    },

    countries: (actor: Actor) => countries(actor.tenantId),

    /** Replaces the allow-list of destination countries; an empty list allows every country. */
    async setCountries(actor: Actor, list: string[]): Promise<Page<{ country: string; created_at: Date }>> {
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const current = await tx.selectFrom('allowed_destination_countries').select('country').where('tenant_id', '=', actor.tenantId).execute();
        const have = new Set(current.map((r) => r.country));
        const wanted = new Set(list);
        const gone = [...have].filter((c) => !wanted.has(c));
        const added = [...wanted].filter((c) => !have.has(c));
        if (gone.length > 0) await tx.deleteFrom('allowed_destination_countries').where('tenant_id', '=', actor.tenantId).where('country', 'in', gone).execute();
        if (added.length > 0) await tx.insertInto('allowed_destination_countries').values(added.map((country) => ({ tenant_id: actor.tenantId, country, created_at: now }))).execute();
      });
      return countries(actor.tenantId);
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
