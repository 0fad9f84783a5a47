import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { assertChannelVisible } from '../conversations/conversation-access.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import type { Page } from '../pagination.js';

export interface DispositionView {
  id: string;
  channel_id: string;
  name: string;
  created_at: Date;
}

const columns = ['id', 'channel_id', 'name', 'created_at'] as const;

function nameTaken(e: unknown): never {
  if (uniqueViolation(e) === 'dispositions_name_key') throw new AppError('DUPLICATE_NAME', 'Another disposition of this channel already has this name.');
  throw e;
}

async function assertChannel(db: DbOrTx, actor: Actor, channelId: string): Promise<void> {
  const ch = await db.selectFrom('channels').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', channelId).executeTakeFirst();
  if (!ch) throw new AppError('NOT_FOUND', 'No such channel.');
  await assertChannelVisible(db, actor, channelId, 'channel');
}

/** Outcome codes per channel (SPEC §7): admins keep them, everyone who sees the channel reads them. */
export function createDispositionsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function get(tx: DbOrTx, tenantId: string, channelId: string, id: string): Promise<DispositionView> {
    const row = await tx.selectFrom('dispositions').select(columns).where('tenant_id', '=', tenantId).where('channel_id', '=', channelId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such disposition on this channel.');
    return row;
  }

  return {
    async list(actor: Actor, channelId: string): Promise<Page<DispositionView>> {
      await assertChannel(db, actor, channelId);
      const items = await db.selectFrom('dispositions').select(columns).where('channel_id', '=', channelId).orderBy((eb) => eb.fn('lower', ['name'])).orderBy('id').execute();
      return { items, next_cursor: null };
    },

    async get(actor: Actor, channelId: string, id: string): Promise<DispositionView> {
      await assertChannel(db, actor, channelId);
      return get(db, actor.tenantId, channelId, id);
    },

    async create(actor: Actor, channelId: string, input: { name: string }): Promise<DispositionView> {
      await assertChannel(db, actor, channelId);
      const id = ids.next();
      try {
        await db.insertInto('dispositions').values({ id, tenant_id: actor.tenantId, channel_id: channelId, name: input.name, created_at: clock.now() }).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, channelId, id);
    },

    async rename(actor: Actor, channelId: string, id: string, input: { name: string }): Promise<DispositionView> {
      await get(db, actor.tenantId, channelId, id);
      try {
        await db.updateTable('dispositions').set({ name: input.name }).where('id', '=', id).execute();
      } catch (e) {
        return nameTaken(e);
      }
      return get(db, actor.tenantId, channelId, id);
    },

    /** A disposition given to any call stays (409 IN_USE): records keep their outcome. */
    async remove(actor: Actor, channelId: string, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('dispositions').select('id').where('tenant_id', '=', actor.tenantId).where('channel_id', '=', channelId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'No such disposition on this channel.');
        const used = await tx.selectFrom('business_records').select((eb) => eb.fn.countAll<string>().as('n')).where('disposition_id', '=', id).executeTakeFirstOrThrow();
        if (Number(used.n) > 0) throw new AppError('IN_USE', 'Calls were given this disposition; rename it instead.', { records: Number(used.n) });
        await tx.deleteFrom('dispositions').where('id', '=', id).execute();
      });
    },
  };
}

export type DispositionsService = ReturnType<typeof createDispositionsService>;
