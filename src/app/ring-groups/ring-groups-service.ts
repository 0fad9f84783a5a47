import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { json } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import { isForeignKeyViolation, uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx, Tx } from '../deps.js';
import { type Page, toPage } from '../pagination.js';

export type RingGroupMode = 'round_robin' | 'ring_all';

export interface RingGroupInput {
  channel_id: string;
  name: string;
  mode: RingGroupMode;
  ring_regardless_of_status?: boolean | undefined;
  member_ids?: string[] | undefined;
}

export interface RingGroupPatch {
  name?: string | undefined;
  mode?: RingGroupMode | undefined;
  ring_regardless_of_status?: boolean | undefined;
}

export interface RingGroupMember {
  user_id: string;
  name: string;
  position: number;
}

export interface RingGroupView {
  id: string;
  channel_id: string;
  name: string;
  mode: RingGroupMode;
  ring_regardless_of_status: boolean;
  members: RingGroupMember[];
  created_at: Date;
  updated_at: Date;
}

const columns = ['id', 'channel_id', 'name', 'mode', 'ring_regardless_of_status', 'created_at', 'updated_at'] as const;

/** The database is the last word on both rules; the up-front checks only give a clearer message. */
function mapViolation(e: unknown): never {
  switch (uniqueViolation(e)) {
    case 'ring_group_members_channel_user_key':
      throw new AppError('AGENT_IN_OTHER_RING_GROUP', 'An agent already belongs to another ring group of this channel.');
    case 'ring_groups_channel_mode_key':
      throw new AppError('RING_GROUP_MODE_TAKEN', 'The channel already has a ring group with this mode.');
    default:
      throw e;
  }
}

/** Ring groups (SPEC §4 steps 2–3): per channel, one round-robin and one ring-to-all, ordered members, an agent in one group per channel. */
export function createRingGroupsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function membersOf(tx: DbOrTx, groupIds: string[]): Promise<Map<string, RingGroupMember[]>> {
    const byGroup = new Map<string, RingGroupMember[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return byGroup;
    const rows = await tx
      .selectFrom('ring_group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.ring_group_id', 'm.user_id', 'u.name', 'm.position'])
      .where('m.ring_group_id', 'in', groupIds)
      .orderBy('m.ring_group_id')
      .orderBy('m.position')
      .execute();
    for (const r of rows) byGroup.get(r.ring_group_id)?.push({ user_id: r.user_id, name: r.name, position: r.position });
    return byGroup;
  }

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<RingGroupView> {
    const row = await tx.selectFrom('ring_groups').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such ring group.');
    return { ...row, members: (await membersOf(tx, [id])).get(id) ?? [] };
  }

  async function lockGroup(tx: Tx, tenantId: string, id: string) {
    const row = await tx.selectFrom('ring_groups').select(['id', 'channel_id', 'mode']).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such ring group.');
    return row;
  }

  async function assertModeFree(tx: DbOrTx, channelId: string, mode: RingGroupMode, exceptId: string | null): Promise<void> {
    let q = tx.selectFrom('ring_groups').select('id').where('channel_id', '=', channelId).where('mode', '=', mode);
    if (exceptId) q = q.where('id', '<>', exceptId);
    const other = await q.executeTakeFirst();
    if (other) throw new AppError('RING_GROUP_MODE_TAKEN', `The channel already has a ${mode} ring group.`, { ring_group_id: other.id });
  }

  /** Replaces the ordered member list after checking channel membership and the one-group-per-channel rule. */
  async function writeMembers(tx: Tx, tenantId: string, groupId: string, channelId: string, userIds: string[]): Promise<void> {
    if (userIds.length > 0) {
      const onChannel = await tx.selectFrom('channel_members').select('user_id').where('tenant_id', '=', tenantId).where('channel_id', '=', channelId).where('user_id', 'in', userIds).execute();
      const members = new Set(onChannel.map((r) => r.user_id));
      const outsiders = userIds.filter((u) => !members.has(u));
      if (outsiders.length > 0) {
        throw new AppError('NOT_A_CHANNEL_MEMBER', 'Add these agents to the channel before putting them in its ring groups.', { user_ids: outsiders });
      }
      const elsewhere = await tx
        .selectFrom('ring_group_members as m')
        .innerJoin('ring_groups as g', 'g.id', 'm.ring_group_id')
        .select(['m.user_id', 'g.id', 'g.name'])
        .where('m.channel_id', '=', channelId)
        .where('m.ring_group_id', '<>', groupId)
        .where('m.user_id', 'in', userIds)
        .execute();
      if (elsewhere.length > 0) {
        throw new AppError('AGENT_IN_OTHER_RING_GROUP', `An agent belongs to at most one ring group per channel; ${elsewhere.length === 1 ? 'one is' : 'some are'} already in "${elsewhere[0]!.name}".`, {
          conflicts: elsewhere.map((r) => ({ user_id: r.user_id, ring_group_id: r.id, ring_group_name: r.name })),
        });
      }
    }
    await tx.deleteFrom('ring_group_members').where('ring_group_id', '=', groupId).execute();
    if (userIds.length > 0) {
      await tx
        .insertInto('ring_group_members')
        .values(userIds.map((userId, position) => ({ ring_group_id: groupId, channel_id: channelId, user_id: userId, tenant_id: tenantId, position })))
        .execute();
    }
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined; channel_id?: string | undefined }): Promise<Page<RingGroupView>> {
      let query = db.selectFrom('ring_groups').select(columns).where('tenant_id', '=', actor.tenantId);
      if (q.channel_id) query = query.where('channel_id', '=', q.channel_id);
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      const members = await membersOf(db, page.items.map((r) => r.id));
      return { items: page.items.map((r) => ({ ...r, members: members.get(r.id) ?? [] })), next_cursor: page.next_cursor };
    },

    async create(actor: Actor, input: RingGroupInput): Promise<RingGroupView> {
      const id = ids.next();
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          // Lock the channel: writers of one channel's ring groups go one at a time.
          const channel = await tx.selectFrom('channels').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.channel_id).forUpdate().executeTakeFirst();
          if (!channel) throw new AppError('NOT_FOUND', 'No such channel.', { field: 'body.channel_id' });
          await assertModeFree(tx, input.channel_id, input.mode, null);
          await tx
            .insertInto('ring_groups')
            .values({
              id, tenant_id: actor.tenantId, channel_id: input.channel_id, name: input.name, mode: input.mode,
              ring_regardless_of_status: input.ring_regardless_of_status ?? false, created_at: now, updated_at: now,
            })
            .execute();
          await writeMembers(tx, actor.tenantId, id, input.channel_id, input.member_ids ?? []);
          return get(tx, actor.tenantId, id);
        });
      } catch (e) {
        return mapViolation(e);
      }
    },

    async update(actor: Actor, id: string, patch: RingGroupPatch): Promise<RingGroupView> {
      try {
        return await db.transaction().execute(async (tx) => {
          const current = await lockGroup(tx, actor.tenantId, id);
          if (patch.mode !== undefined && patch.mode !== current.mode) await assertModeFree(tx, current.channel_id, patch.mode, id);
          const set: Record<string, unknown> = { updated_at: clock.now() };
          for (const k of ['name', 'mode', 'ring_regardless_of_status'] as const) if (patch[k] !== undefined) set[k] = patch[k];
          if (patch.mode !== undefined && patch.mode !== current.mode) set.rr_pointer = null;
          await tx.updateTable('ring_groups').set(set).where('id', '=', id).execute();
          return get(tx, actor.tenantId, id);
        });
      } catch (e) {
        return mapViolation(e);
      }
    },

    /** Sets (or reorders) the members: the list order is the ring order. */
    async setMembers(actor: Actor, id: string, userIds: string[]): Promise<RingGroupView> {
      try {
        return await db.transaction().execute(async (tx) => {
          const current = await lockGroup(tx, actor.tenantId, id);
          await writeMembers(tx, actor.tenantId, id, current.channel_id, userIds);
          await tx.updateTable('ring_groups').set({ updated_at: clock.now() }).where('id', '=', id).execute();
          return get(tx, actor.tenantId, id);
        });
      } catch (e) {
        return mapViolation(e);
      }
    },

    async remove(actor: Actor, id: string): Promise<void> {
      try {
        await db.transaction().execute(async (tx) => {
          const current = await lockGroup(tx, actor.tenantId, id);
          const usedBy = await tx
            .selectFrom('channels')
            .select('id')
            .where('id', '=', current.channel_id)
            .where(sql<boolean>`incoming_target @> ${json({ type: 'ring_group', ring_group_id: id })}::jsonb`)
            .executeTakeFirst();
          if (usedBy) throw new AppError('IN_USE', 'The channel routes its incoming calls to this ring group; change its incoming target first.', { channel_id: usedBy.id });
          await tx.deleteFrom('ring_groups').where('id', '=', id).execute();
        });
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppError('IN_USE', 'Other records still refer to this ring group.');
        throw e;
      }
    },
  };
}

export type RingGroupsService = ReturnType<typeof createRingGroupsService>;
