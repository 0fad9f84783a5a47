import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import type { Page } from '../pagination.js';

export interface TagView {
  id: string;
  name: string;
  created_at: Date;
}

const columns = ['id', 'name', 'created_at'] as const;

function nameTaken(e: unknown): never {
  if (uniqueViolation(e) === 'tags_name_key') throw new AppError('DUPLICATE_NAME', 'Another tag already has this name.');
  throw e;
}

/** Every id must be a tag of the tenant; otherwise 404 naming the unknown ids. Returns the tags in the order given. */
export async function assertTenantTags(tx: DbOrTx, tenantId: string, tagIds: string[], field: string): Promise<TagView[]> {
  if (tagIds.length === 0) return [];
  const found = await tx.selectFrom('tags').select(columns).where('tenant_id', '=', tenantId).where('id', 'in', tagIds).execute();
  const byId = new Map(found.map((t) => [t.id, t]));
  const missing = tagIds.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', 'No such tag in this tenant.', { field, tag_ids: missing });
  return tagIds.map((id) => byId.get(id)!);
}

/** The tenant's tag list (SPEC §7): admins keep it, everyone picks from it on business records. */
export function createTagsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<TagView> {
    const row = await tx.selectFrom('tags').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such tag.');
    return row;
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor): Promise<Page<TagView>> {
      const items = await db.selectFrom('tags').select(columns).where('tenant_id', '=', actor.tenantId).orderBy((eb) => eb.fn('lower', ['name'])).orderBy('id').execute();
      return { items, next_cursor: null };
    },

    async create(actor: Actor, input: { name: string }): Promise<TagView> {
      const id = ids.next();
      try {
        await db.insertInto('tags').values({ id, tenant_id: actor.tenantId, name: input.name, created_at: clock.now() }).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    /** Records show the new name; their history keeps the name each change was made with. */
    async rename(actor: Actor, id: string, input: { name: string }): Promise<TagView> {
      await get(db, actor.tenantId, id);
      try {
        await db.updateTable('tags').set({ name: input.name }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    /** A tag on any business record stays (409 IN_USE): records keep their tags. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const tag = await tx.selectFrom('tags').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!tag) throw new AppError('NOT_FOUND', 'No such tag.');
        const used = await tx.selectFrom('business_record_tags').select((eb) => eb.fn.countAll<string>().as('n')).where('tag_id', '=', id).executeTakeFirstOrThrow();
        if (Number(used.n) > 0) throw new AppError('IN_USE', 'Business records carry this tag; rename it instead.', { records: Number(used.n) });
        await tx.deleteFrom('tags').where('id', '=', id).execute();
      });
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
