import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { QueueStrategy } from '../../store/schema/index.js';
import { json } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import { isForeignKeyViolation, uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx, Tx } from '../deps.js';
import { type Page, toPage } from '../pagination.js';
import { assertTenantUsers } from '../users/assert-tenant-users.js';

export const queueStrategies = ['ring_all', 'round_robin', 'longest_idle', 'fewest_calls', 'random'] as const satisfies readonly QueueStrategy[];

export interface AgentGroupInput {
  name: string;
  strategy?: QueueStrategy | undefined;
  wrap_up_seconds?: number | undefined;
  max_wait_seconds?: number | undefined;
  member_ids?: string[] | undefined;
}

export type AgentGroupPatch = Partial<Omit<AgentGroupInput, 'member_ids'>>;

export interface GroupMember {
  user_id: string;
  name: string;
  role: string;
  position: number;
}

export interface AgentGroupView {
  id: string;
  name: string;
  strategy: QueueStrategy;
  wrap_up_seconds: number;
  max_wait_seconds: number;
  members: GroupMember[];
  created_at: Date;
  updated_at: Date;
}

const columns = ['id', 'name', 'strategy', 'wrap_up_seconds', 'max_wait_seconds', 'created_at', 'updated_at'] as const;

function nameTaken(e: unknown): never {
  if (uniqueViolation(e) === 'agent_groups_name_key') throw new AppError('DUPLICATE_NAME', 'Another agent group already has this name.');
  throw e;
}

/** Agent groups (queues): named, ordered sets of users with a queue strategy (SPEC §1, §4 step 4). */
export function createAgentGroupsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  async function membersOf(tx: DbOrTx, groupIds: string[]): Promise<Map<string, GroupMember[]>> {
    const byGroup = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return byGroup;
    const rows = await tx
      .selectFrom('agent_group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'm.user_id', 'u.name', 'u.role', 'm.position'])
      .where('m.group_id', 'in', groupIds)
      .orderBy('m.group_id')
      .orderBy('m.position')
      .execute();
    for (const r of rows) byGroup.get(r.group_id)?.push({ user_id: r.user_id, name: r.name, role: r.role, position: r.position });
    return byGroup;
  }

  async function get(tx: DbOrTx, tenantId: string, id: string): Promise<AgentGroupView> {
    const row = await tx.selectFrom('agent_groups').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such agent group.');
    return { ...row, members: (await membersOf(tx, [id])).get(id) ?? [] };
  }

  async function lockGroup(tx: Tx, tenantId: string, id: string): Promise<void> {
    const row = await tx.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such agent group.');
  }

  async function writeMembers(tx: Tx, tenantId: string, groupId: string, userIds: string[]): Promise<void> {
    await assertTenantUsers(tx, tenantId, userIds, 'body.member_ids');
    await tx.deleteFrom('agent_group_members').where('group_id', '=', groupId).execute();
    if (userIds.length > 0) {
      await tx
        .insertInto('agent_group_members')
        .values(userIds.map((userId, position) => ({ group_id: groupId, user_id: userId, tenant_id: tenantId, position })))
        .execute();
    }
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor.tenantId, id),

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined }): Promise<Page<AgentGroupView>> {
      let query = db.selectFrom('agent_groups').select(columns).where('tenant_id', '=', actor.tenantId);
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query.orderBy('id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      const members = await membersOf(db, page.items.map((r) => r.id));
      return { items: page.items.map((r) => ({ ...r, members: members.get(r.id) ?? [] })), next_cursor: page.next_cursor };
    },

    async create(actor: Actor, input: AgentGroupInput): Promise<AgentGroupView> {
      const id = ids.next();
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('agent_groups')
            .values({
              id, tenant_id: actor.tenantId, name: input.name, strategy: input.strategy ?? 'ring_all',
              ...(input.wrap_up_seconds !== undefined ? { wrap_up_seconds: input.wrap_up_seconds } : {}),
              ...(input.max_wait_seconds !== undefined ? { max_wait_seconds: input.max_wait_seconds } : {}),
              created_at: now, updated_at: now,
            })
            .execute();
          await writeMembers(tx, actor.tenantId, id, input.member_ids ?? []);
          return get(tx, actor.tenantId, id);
        });
      } catch (e) {
        return nameTaken(e);
      }
    },

    async update(actor: Actor, id: string, patch: AgentGroupPatch): Promise<AgentGroupView> {
      try {
        return await db.transaction().execute(async (tx) => {
          await lockGroup(tx, actor.tenantId, id);
          const set: Record<string, unknown> = { updated_at: clock.now() };
          for (const k of ['name', 'strategy', 'wrap_up_seconds', 'max_wait_seconds'] as const) if (patch[k] !== undefined) set[k] = patch[k];
          // A new strategy starts its round-robin memory afresh.
          if (patch.strategy !== undefined) set.rr_pointer = null;
          await tx.updateTable('agent_groups').set(set).where('id', '=', id).execute();
          return get(tx, actor.tenantId, id);
        });
      } catch (e) {
        return nameTaken(e);
      }
    },

    /** Replaces the member list; the order given is the group's order (round robin, ties). */
    async setMembers(actor: Actor, id: string, userIds: string[]): Promise<AgentGroupView> {
      return db.transaction().execute(async (tx) => {
        await lockGroup(tx, actor.tenantId, id);
        await writeMembers(tx, actor.tenantId, id, userIds);
        await tx.updateTable('agent_groups').set({ updated_at: clock.now() }).where('id', '=', id).execute();
        return get(tx, actor.tenantId, id);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      try {
        await db.transaction().execute(async (tx) => {
          await lockGroup(tx, actor.tenantId, id);
          const usedBy = await tx
            .selectFrom('channels')
            .select(['id', 'name'])
            .where('tenant_id', '=', actor.tenantId)
            .where(sql<boolean>`incoming_target @> ${json({ type: 'agent_groups', agent_group_ids: [id] })}::jsonb`)
            .execute();
          if (usedBy.length > 0) {
            throw new AppError('IN_USE', 'Channels route their incoming calls to this group; change their incoming target first.', {
              channel_ids: usedBy.map((c) => c.id),
            });
          }
          await tx.deleteFrom('agent_groups').where('id', '=', id).execute();
        });
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppError('IN_USE', 'Other records still refer to this agent group.');
        throw e;
      }
    },
  };
}

export type AgentGroupsService = ReturnType<typeof createAgentGroupsService>;
