import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { isForeignKeyViolation, uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { type Page, toPage } from '../pagination.js';
import { normalizePhoneNumber } from '../phone-numbers/normalize-phone-number.js';

export interface ContactInput {
  phone_number: string;
  name?: string | null | undefined;
  notes?: string | null | undefined;
}

export type ContactPatch = Partial<ContactInput>;

export interface ContactView {
  id: string;
  phone_number: string;
  country: string | null;
  name: string | null;
  wa_id: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ContactQuery {
  limit: number;
  cursor?: string | undefined;
  /** Part of the name (any case) or at least three digits of the number. */
  q?: string | undefined;
}

const columns = ['id', 'phone_e164', 'country', 'name', 'wa_id', 'notes', 'created_at', 'updated_at'] as const;

type Row = { id: string; phone_e164: string; country: string | null; name: string | null; wa_id: string | null; notes: string | null; created_at: Date; updated_at: Date };

const toView = ({ phone_e164, ...r }: Row): ContactView => ({ ...r, phone_number: phone_e164 });

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Customers, one per E.164 number per tenant (SPEC §3). */
export function createContactsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<ContactView> {
    const row = await tx.selectFrom('contacts').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such contact.');
    return toView(row);
  }

  async function exists(tenantId: string, e164: string): Promise<never> {
    const other = await db.selectFrom('contacts').select('id').where('tenant_id', '=', tenantId).where('phone_e164', '=', e164).executeTakeFirst();
    throw new AppError('CONTACT_EXISTS', `A contact with ${e164} already exists.`, { contact_id: other?.id ?? null, phone_number: e164 });
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor, q: ContactQuery): Promise<Page<ContactView>> {
      let query = db.selectFrom('contacts').select(columns).where('tenant_id', '=', actor.tenantId);
      const term = q.q?.trim();
      if (term) {
        const digits = term.replace(/[\s()+.-]/g, '');
        const byNumber = /^\d{3,}$/.test(digits) ? digits : null;
        query = query.where((eb) =>
          eb.or([
            eb('name', 'ilike', `%${likeEscape(term)}%`),
            ...(byNumber ? [eb('phone_e164', 'like', `%${byNumber}%`)] : []),
          ]),
        );
      }
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      return { items: page.items.map(toView), next_cursor: page.next_cursor };
    },

    async create(actor: Actor, input: ContactInput): Promise<ContactView> {
      const n = normalizePhoneNumber(input.phone_number, 'body.phone_number');
      const id = ids.next();
      const now = clock.now();
      try {
        await db
          .insertInto('contacts')
          .values({
            id, tenant_id: actor.tenantId, phone_e164: n.e164, country: n.country, name: input.name ?? null,
            wa_id: null, notes: input.notes ?? null, created_at: now, updated_at: now,
          })
          .execute();
      } catch (e) {
        if (uniqueViolation(e) === 'contacts_phone_key') return exists(actor.tenantId, n.e164);
        throw e;
      }
      return get(db, actor.tenantId, id);
    },

    async update(actor: Actor, id: string, patch: ContactPatch): Promise<ContactView> {
      await get(db, actor.tenantId, id);
      const set: Record<string, unknown> = { updated_at: clock.now() };
      let e164: string | null = null;
      if (patch.phone_number !== undefined) {
        const n = normalizePhoneNumber(patch.phone_number, 'body.phone_number');
        e164 = n.e164;
        set.phone_e164 = n.e164;
        set.country = n.country;
      }
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.notes !== undefined) set.notes = patch.notes;
      try {
        await db.updateTable('contacts').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      } catch (e) {
        if (uniqueViolation(e) === 'contacts_phone_key' && e164) return exists(actor.tenantId, e164);
        throw e;
      }
      return get(db, actor.tenantId, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await get(db, actor.tenantId, id);
      try {
        await db.deleteFrom('contacts').where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppError('IN_USE', 'Conversations or calls still refer to this contact.');
        throw e;
      }
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
