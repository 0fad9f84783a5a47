import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import type { Page } from '../pagination.js';

export interface PauseReasonView {
  id: string;
  name: string;
  /** Set on reasons the system applies itself (e.g. `missed_calls`); those cannot be deleted. */
  system_key: string | null;
  created_at: Date;
}

const columns = ['id', 'name', 'system_key', 'created_at'] as const;

function nameTaken(e: unknown): never {
  if (uniqueViolation(e) === 'pause_reasons_name_key') throw new AppError('DUPLICATE_NAME', 'Another pause reason already has this name.');
  throw e;
}

/** The tenant's pause reasons (SPEC §1). Deleting one in use leaves the paused agents paused, without a reason. */
export function createPauseReasonsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<PauseReasonView> {
    const row = await tx.selectFrom('pause_reasons').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such pause reason.');
    return row;
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor): Promise<Page<PauseReasonView>> {
      const items = await db.selectFrom('pause_reasons').select(columns).where('tenant_id', '=', actor.tenantId).orderBy('name').orderBy('id').execute();
      return { items, next_cursor: null };
    },

    async create(actor: Actor, input: { name: string }): Promise<PauseReasonView> {
      const id = ids.next();
      try {
        await db.insertInto('pause_reasons').values({ id, tenant_id: actor.tenantId, name: input.name, system_key: null, created_at: clock.now() }).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    async rename(actor: Actor, id: string, input: { name: string }): Promise<PauseReasonView> {
      await get(db, actor.tenantId, id);
      try {
        await db.updateTable('pause_reasons').set({ name: input.name }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const reason = await get(db, actor.tenantId, id);
      if (reason.system_key) throw new AppError('SYSTEM_PAUSE_REASON', `"${reason.name}" is applied by the system and cannot be deleted.`, { system_key: reason.system_key });
      await db.deleteFrom('pause_reasons').where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('system_key', 'is', null).execute();
    },
  };
}

export type PauseReasonsService = ReturnType<typeof createPauseReasonsService>;
