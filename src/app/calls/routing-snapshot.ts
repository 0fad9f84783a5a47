import { sql } from 'kysely';
import type { AgentSnapshot, ChannelTarget, RingGroupSnapshot, RoutingInput } from '../../domain/routing/index.js';
import type { IncomingTarget, QueueStrategy } from '../../store/schema/index.js';
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

/** How many candidates an ordered strategy needs to see: the first eligible one wins, a few spare for races. */
const ORDERED_CANDIDATES = 8;
const NONE = '00000000-0000-0000-0000-000000000000';

interface PresenceRow {
  user_id: string;
  status: 'offline' | 'available' | 'paused' | 'after_call_work';
  current_call_id: string | null;
  available_since: Date | null;
  last_call_ended_at: Date | null;
  member: string | null;
  ringing: string | null;
}

/**
 * Loads what routing needs for one decision, under the call's transaction. The database narrows
 * the candidates (eligible agents only, in the order the strategy reads them, a handful when only
 * the first can win) so a 1,000-agent group costs a few rows; the pure `decideRouting` still makes
 * the decision over what it is given.
 */
function presenceQuery(tx: Tx, key: SnapshotKey) {
  return tx
    .selectFrom('agent_presence as p')
    .leftJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'p.user_id').on('m.channel_id', '=', key.channelId))
    .leftJoin('call_offers as o', (j) => j.onRef('o.agent_id', '=', 'p.user_id').on('o.status', '=', 'ringing'))
    .select(['p.user_id', 'p.status', 'p.current_call_id', 'p.available_since', 'p.last_call_ended_at', 'm.user_id as member', 'o.id as ringing'])
    .where('p.tenant_id', '=', key.tenantId);
}

/** Agents who could take a call now: members of the channel, not on a call, not ringing, not tried. */
function freeQuery(tx: Tx, key: SnapshotKey, regardlessOfStatus = false) {
  const q = presenceQuery(tx, key)
    .where('p.current_call_id', 'is', null)
    .where('o.id', 'is', null)
    .where('m.user_id', 'is not', null)
    .where('p.user_id', 'not in', key.excluded.length ? key.excluded : [NONE]);
  return regardlessOfStatus ? q.where('p.status', '<>', 'offline') : q.where('p.status', '=', 'available');
}

export async function loadRoutingInput(tx: Tx, key: SnapshotKey, now: Date, random: () => number): Promise<RoutingInput> {
  const snapshots = new Map<string, AgentSnapshot>();
  const presence = () => presenceQuery(tx, key);
  const free = (regardlessOfStatus = false) => freeQuery(tx, key, regardlessOfStatus);
  const keep = (rows: PresenceRow[]) => {
    for (const r of rows) {
      snapshots.set(r.user_id, {
        id: r.user_id, status: r.current_call_id ? 'busy' : r.status, signedIn: r.status !== 'offline', onCall: r.current_call_id !== null,
        ringing: r.ringing !== null, channelMember: r.member !== null, availableSince: r.available_since, lastCallEndedAt: r.last_call_ended_at, callsToday: 0,
      });
    }
  };

  let assignee: RoutingInput['assignee'] = null;
  const ringGroups: RingGroupSnapshot[] = [];
  if (!key.onlyAgentGroupIds) {
    if (key.contactId) {
      const room = await tx
        .selectFrom('conversations').select(['assignee_id', 'status'])
        .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (room?.assignee_id) {
        assignee = { agentId: room.assignee_id, roomOpen: room.status === 'open' };
        keep(await presence().where('p.user_id', '=', room.assignee_id).execute());
      }
    }
    const groups = await tx.selectFrom('ring_groups').select(['id', 'mode', 'ring_regardless_of_status', 'rr_pointer'])
      .where('channel_id', '=', key.channelId).orderBy('created_at').execute();
    for (const g of groups) {
      let rows: (PresenceRow & { position: number })[];
      const members = (q: ReturnType<typeof free>) =>
        q.innerJoin('ring_group_members as rm', (j) => j.onRef('rm.user_id', '=', 'p.user_id').on('rm.ring_group_id', '=', g.id)).select('rm.position');
      if (g.mode === 'round_robin') {
        // The next members after the pointer, wrapping round: the first eligible one is next in turn.
        const pointerPos = g.rr_pointer
          ? (await tx.selectFrom('ring_group_members').select('position').where('ring_group_id', '=', g.id).where('user_id', '=', g.rr_pointer).executeTakeFirst())?.position ?? -1
          : -1;
        const after = await members(free()).where('rm.position', '>', pointerPos).orderBy('rm.position').limit(ORDERED_CANDIDATES).execute();
        const before = after.length < ORDERED_CANDIDATES
          ? await members(free()).where('rm.position', '<=', pointerPos).orderBy('rm.position').limit(ORDERED_CANDIDATES - after.length).execute()
          : [];
        rows = [...after, ...before];
        ringGroups.push({ id: g.id, mode: 'round_robin', ringRegardlessOfStatus: false, pointer: null, memberIds: rows.map((r) => r.user_id) });
      } else {
        rows = await members(free(g.ring_regardless_of_status)).orderBy('rm.position').execute();
        ringGroups.push({ id: g.id, mode: 'ring_all', ringRegardlessOfStatus: g.ring_regardless_of_status, pointer: g.rr_pointer, memberIds: rows.map((r) => r.user_id) });
      }
      keep(rows);
    }
  }

  let target: ChannelTarget | null = null;
  let groupIds: string[] = key.onlyAgentGroupIds ?? [];
  if (!key.onlyAgentGroupIds) {
    const channel = await tx.selectFrom('channels').select('incoming_target').where('id', '=', key.channelId).executeTakeFirstOrThrow();
    const t = channel.incoming_target as IncomingTarget | null;
    if (t?.type === 'agent_groups') groupIds = t.agent_group_ids;
    else if (t?.type === 'flow') target = { kind: 'flow', flowId: t.flow_id };
    else if (t?.type === 'ai_agent') target = { kind: 'ai_agent', url: t.url };
  }
  if (groupIds.length > 0) {
    const groups = await tx.selectFrom('agent_groups').select(['id', 'strategy', 'rr_pointer']).where('id', 'in', groupIds).where('tenant_id', '=', key.tenantId).execute();
    const targets = [];
    for (const id of groupIds) {
      const g = groups.find((x) => x.id === id);
      if (!g) continue;
      const rows = await groupCandidates(tx, key, g.id, g.strategy, g.rr_pointer);
      keep(rows);
      if (g.strategy === 'fewest_calls' && rows.length > 0) {
        const since = new Date(now.getTime() - 24 * 3_600_000);
        const counts = await tx.selectFrom('calls').select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('agent_id', 'in', rows.map((r) => r.user_id)).where('answered_at', '>=', since).groupBy('agent_id').execute();
        for (const c of counts) {
          const s = snapshots.get(c.agent_id!);
          if (s) s.callsToday = Number(c.n);
        }
      }
      targets.push({ agentGroupId: g.id, strategy: g.strategy, pointer: g.strategy === 'round_robin' ? null : g.rr_pointer, memberIds: rows.map((r) => r.user_id) });
    }
    target = { kind: 'agent_groups', groups: targets };
  }

  return { assignee, ringGroups, target, agents: [...snapshots.values()], excludedAgentIds: key.excluded, now, random };
}

/** A queue's eligible members in the order its strategy reads them; only the head when only the first can win. */
async function groupCandidates(
  tx: Tx, key: SnapshotKey, groupId: string, strategy: QueueStrategy, pointer: string | null,
): Promise<(PresenceRow & { position: number })[]> {
  const members = () =>
    freeQuery(tx, key).innerJoin('agent_group_members as gm', (j) => j.onRef('gm.user_id', '=', 'p.user_id').on('gm.group_id', '=', groupId)).select('gm.position');
  switch (strategy) {
    case 'round_robin': {
      const pos = pointer
        ? (await tx.selectFrom('agent_group_members').select('position').where('group_id', '=', groupId).where('user_id', '=', pointer).executeTakeFirst())?.position ?? -1
        : -1;
      const after = await members().where('gm.position', '>', pos).orderBy('gm.position').orderBy('p.user_id').limit(ORDERED_CANDIDATES).execute();
      const before = after.length < ORDERED_CANDIDATES
        ? await members().where('gm.position', '<=', pos).orderBy('gm.position').orderBy('p.user_id').limit(ORDERED_CANDIDATES - after.length).execute()
        : [];
      return [...after, ...before];
    }
    case 'longest_idle':
      return members()
        .orderBy(sql`greatest(p.available_since, p.last_call_ended_at) asc nulls first`)
        .orderBy('gm.position')
        .limit(ORDERED_CANDIDATES)
        .execute();
    case 'fewest_calls':
    case 'ring_all':
    case 'random':
      return members().orderBy('gm.position').execute();
  }
}
