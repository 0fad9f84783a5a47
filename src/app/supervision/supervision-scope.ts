import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { CallOffersTable, CallsTable } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { DbOrTx } from '../deps.js';

/**
 * Whom a supervisor supervises (SPEC §1: "their agent groups"): the members of the agent groups they
 * belong to, and the calls of those agents, offered to them, or queued for those groups. A supervisor in no agent group
 * supervises the whole tenant (a small team with one supervisor needs no groups); admins always do.
 */
export interface SupervisionScope {
  agentIds: ReadonlySet<string>;
  groupIds: readonly string[];
}

export type Supervision = SupervisionScope | 'all';

export async function supervisionScope(db: DbOrTx, actor: Actor): Promise<Supervision> {
  if (actor.role !== 'supervisor') return 'all';
  const groups = await db
    .selectFrom('agent_group_members as m')
    .innerJoin('agent_groups as g', 'g.id', 'm.group_id')
    .select('m.group_id')
    .where('m.user_id', '=', actor.userId)
    .where('g.tenant_id', '=', actor.tenantId)
    .execute();
  if (groups.length === 0) return 'all';
  const groupIds = groups.map((g) => g.group_id);
  const members = await db.selectFrom('agent_group_members').select('user_id').distinct().where('group_id', 'in', groupIds).execute();
  return { agentIds: new Set([actor.userId, ...members.map((m) => m.user_id)]), groupIds };
}

/** The scope covers this agent, or a call of this agent or queued for this group. */
export function supervises(scope: Supervision, agentId: string | null | undefined, groupId?: string | null): boolean {
  if (scope === 'all') return true;
  return (agentId != null && scope.agentIds.has(agentId)) || (groupId != null && scope.groupIds.includes(groupId));
}

/** The calls (`calls as c`) a scoped supervisor sees; null when they see every call of the tenant. */
export function supervisedCalls(scope: Supervision): Expression<SqlBool> | null {
  if (scope === 'all') return null;
  const eb = expressionBuilder<{ c: CallsTable; call_offers: CallOffersTable }, 'c'>();
  const agents = [...scope.agentIds];
  return eb.or([
    eb('c.agent_id', 'in', agents),
    eb('c.agent_group_id', 'in', [...scope.groupIds]),
    // A call that rang one of their agents (a ring group's call nobody answered, say).
    eb.exists(eb.selectFrom('call_offers as o').select('o.id').whereRef('o.call_id', '=', 'c.id').where('o.agent_id', 'in', agents)),
  ]);
}

/** One call, as `supervisedCalls` sees it. */
export async function supervisesCall(db: DbOrTx, scope: Supervision, call: { id: string; agent_id: string | null; agent_group_id: string | null }): Promise<boolean> {
  if (supervises(scope, call.agent_id, call.agent_group_id)) return true;
  if (scope === 'all') return true;
  const offered = await db.selectFrom('call_offers').select('id').where('call_id', '=', call.id).where('agent_id', 'in', [...scope.agentIds]).limit(1).executeTakeFirst();
  return Boolean(offered);
}
