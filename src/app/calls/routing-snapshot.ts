import type { AgentSnapshot, ChannelTarget, RingGroupSnapshot, RoutingInput } from '../../domain/routing/index.js';
import type { IncomingTarget } from '../../store/schema/index.js';
import type { Tx } from '../deps.js';

export interface SnapshotKey {
  tenantId: string;
  channelId: string;
  contactId: string | null;
  /** A transfer or a queued call re-offers within these groups only (no assignee, no ring groups). */
  onlyAgentGroupIds?: string[] | null;
  /** Agents who already rejected or missed the call. */
  excluded: string[];
}

/**
 * Loads what routing needs for one decision, under the transaction of the call. Agents in the
 * ring groups and the assignee are loaded whatever their state (routing explains why it skipped
 * them); queue members only when they could take a call now, so a 1,000-agent group stays cheap.
 */
export async function loadRoutingInput(tx: Tx, key: SnapshotKey, now: Date, random: () => number): Promise<RoutingInput> {
  let assignee: RoutingInput['assignee'] = null;
  let ringGroups: RingGroupSnapshot[] = [];
  const wanted = new Set<string>();

  if (!key.onlyAgentGroupIds) {
    if (key.contactId) {
      const room = await tx
        .selectFrom('conversations').select(['assignee_id', 'status'])
        .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (room?.assignee_id) {
        assignee = { agentId: room.assignee_id, roomOpen: room.status === 'open' };
        wanted.add(room.assignee_id);
      }
    }
    const groups = await tx.selectFrom('ring_groups').select(['id', 'mode', 'ring_regardless_of_status', 'rr_pointer'])
      .where('channel_id', '=', key.channelId).orderBy('created_at').execute();
    const members = groups.length
      ? await tx.selectFrom('ring_group_members').select(['ring_group_id', 'user_id']).where('ring_group_id', 'in', groups.map((g) => g.id)).orderBy('position').execute()
      : [];
    ringGroups = groups.map((g) => ({
      id: g.id, mode: g.mode, ringRegardlessOfStatus: g.ring_regardless_of_status, pointer: g.rr_pointer,
      memberIds: members.filter((m) => m.ring_group_id === g.id).map((m) => m.user_id),
    }));
    for (const m of members) wanted.add(m.user_id);
  }

  let target: ChannelTarget | null = null;
  let groupIds: string[] = key.onlyAgentGroupIds ?? [];
  if (!key.onlyAgentGroupIds) {
    const channel = await tx.selectFrom('channels').select('incoming_target').where('id', '=', key.channelId).executeTakeFirstOrThrow();
    const t = channel.incoming_target as IncomingTarget | null;
    if (t?.type === 'agent_groups') groupIds = t.agent_group_ids;
    else if (t?.type === 'ring_group') groupIds = [];
    else if (t?.type === 'flow') target = { kind: 'flow', flowId: t.flow_id };
    else if (t?.type === 'ai_agent') target = { kind: 'ai_agent', url: t.url };
  }
  if (groupIds.length > 0) {
    const groups = await tx.selectFrom('agent_groups').select(['id', 'strategy', 'rr_pointer']).where('id', 'in', groupIds).where('tenant_id', '=', key.tenantId).execute();
    const members = await tx.selectFrom('agent_group_members').select(['group_id', 'user_id']).where('group_id', 'in', groupIds).orderBy('position').orderBy('user_id').execute();
    target = {
      kind: 'agent_groups',
      groups: groupIds.map((id) => groups.find((g) => g.id === id)).filter((g) => g !== undefined).map((g) => ({
        agentGroupId: g.id, strategy: g.strategy, pointer: g.rr_pointer,
        memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.user_id),
      })),
    };
  }

  const startOfDay = new Date(now.getTime() - 24 * 3_600_000);
  const agentQuery = (restrictToFree: boolean) => {
    let q = tx
      .selectFrom('agent_presence as p')
      .leftJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'p.user_id').on('m.channel_id', '=', key.channelId))
      .select((eb) => [
        'p.user_id', 'p.status', 'p.current_call_id', 'p.available_since', 'p.last_call_ended_at', 'm.user_id as member',
        eb.exists(eb.selectFrom('call_offers as o').select('o.id').whereRef('o.agent_id', '=', 'p.user_id').where('o.status', '=', 'ringing')).as('ringing'),
        eb.selectFrom('calls as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.agent_id', '=', 'p.user_id').where('c.answered_at', '>=', startOfDay).as('calls_today'),
      ])
      .where('p.tenant_id', '=', key.tenantId);
    if (restrictToFree) q = q.where('p.status', '=', 'available').where('p.current_call_id', 'is', null).where('m.user_id', 'is not', null);
    return q;
  };

  const rows = [];
  if (wanted.size > 0) rows.push(...(await agentQuery(false).where('p.user_id', 'in', [...wanted]).execute()));
  if (groupIds.length > 0) {
    const free = await agentQuery(true)
      .where('p.user_id', 'in', (eb) => eb.selectFrom('agent_group_members').select('user_id').where('group_id', 'in', groupIds))
      .execute();
    for (const r of free) if (!wanted.has(r.user_id)) rows.push(r);
  }
  const agents: AgentSnapshot[] = rows.map((r) => ({
    id: r.user_id,
    status: r.current_call_id ? 'busy' : r.status,
    signedIn: r.status !== 'offline',
    onCall: r.current_call_id !== null,
    ringing: Boolean(r.ringing),
    channelMember: r.member !== null,
    availableSince: r.available_since,
    lastCallEndedAt: r.last_call_ended_at,
    callsToday: Number(r.calls_today ?? 0),
  }));
  return { assignee, ringGroups, target, agents, excludedAgentIds: key.excluded, now, random };
}
