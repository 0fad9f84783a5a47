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

function presenceQuery(tx: Tx, key: SnapshotKey) {
  return tx
    .selectFrom('agent_presence as p')
    .leftJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'p.user_id').on('m.channel_id', '=', key.channelId))
    .leftJoin('call_offers as o', (j) => j.onRef('o.agent_id', '=', 'p.user_id').on('o.status', '=', 'ringing'))
    .select(['p.user_id', 'p.status', 'p.current_call_id', 'p.available_since', 'p.last_call_ended_at', 'm.user_id as member', 'o.id as ringing'])
    .where('p.tenant_id', '=', key.tenantId);
}

const memberColumns = ['p.user_id', 'p.status', 'p.current_call_id', 'p.available_since', 'p.last_call_ended_at', 'm.user_id as member', 'o.id as ringing', 'gm.position'] as const;

/** Free members of a ring group, read in member order from the group's index (cheap for big groups). */
function freeRingMembers(tx: Tx, key: SnapshotKey, groupId: string, regardlessOfStatus = false) {
  const q = tx
    .selectFrom('ring_group_members as gm')
    .innerJoin('agent_presence as p', 'p.user_id', 'gm.user_id')
    .innerJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'gm.user_id').on('m.channel_id', '=', key.channelId))
    .leftJoin('call_offers as o', (j) => j.onRef('o.agent_id', '=', 'gm.user_id').on('o.status', '=', 'ringing'))
    .select(memberColumns)
    .where('gm.ring_group_id', '=', groupId)
    .where('p.current_call_id', 'is', null)
    .where('o.id', 'is', null)
    .where('gm.user_id', 'not in', key.excluded.length ? key.excluded : [NONE]);
  return regardlessOfStatus ? q.where('p.status', '<>', 'offline') : q.where('p.status', '=', 'available');
}

/** Free members of an agent group (queue), the same way. */
function freeGroupMembers(tx: Tx, key: SnapshotKey, groupId: string) {
  return tx
    .selectFrom('agent_group_members as gm')
    .innerJoin('agent_presence as p', 'p.user_id', 'gm.user_id')
    .innerJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'gm.user_id').on('m.channel_id', '=', key.channelId))
    .leftJoin('call_offers as o', (j) => j.onRef('o.agent_id', '=', 'gm.user_id').on('o.status', '=', 'ringing'))
    .select(memberColumns)
    .where('gm.group_id', '=', groupId)
    .where('p.current_call_id', 'is', null)
    .where('o.id', 'is', null)
    .where('p.status', '=', 'available')
    .where('gm.user_id', 'not in', key.excluded.length ? key.excluded : [NONE]);
}

/**
 * Loads what routing needs for one decision, under the call's transaction. The database narrows
 * the candidates (eligible agents only, in the order the strategy reads them, a handful when only
 * the first can win) so a 1,000-agent group costs a few rows; the pure `decideRouting` still makes
 * the decision over what it is given.
 */
export async function loadRoutingInput(tx: Tx, key: SnapshotKey, now: Date, random: () => number): Promise<RoutingInput> {
  const snapshots = new Map<string, AgentSnapshot>();
  const presence = () => presenceQuery(tx, key);
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
      if (g.mode === 'round_robin') {
        // The next members after the pointer, wrapping round: the first eligible one is next in turn.
        const pointerPos = g.rr_pointer
          ? (await tx.selectFrom('ring_group_members').select('position').where('ring_group_id', '=', g.id).where('user_id', '=', g.rr_pointer).executeTakeFirst())?.position ?? -1
          : -1;
        rows = await inTurn(
          (after, limit) => tx.selectFrom('ring_group_members').select(['user_id', 'position']).where('ring_group_id', '=', g.id).where('position', '>', after).orderBy('position').limit(limit).execute(),
          (ids) => freeRingMembers(tx, key, g.id).where('gm.user_id', 'in', ids).execute(),
          pointerPos,
        );
        ringGroups.push({ id: g.id, mode: 'round_robin', ringRegardlessOfStatus: false, pointer: null, memberIds: rows.map((r) => r.user_id) });
      } else {
        rows = await freeRingMembers(tx, key, g.id, g.ring_regardless_of_status).orderBy('gm.position').execute();
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

/**
 * Members in turn after the pointer (wrapping round once), read a page of ids at a time through the order index and
 * kept when eligible, until a few are found: a round robin over 1,000 members reads a handful of rows.
 */
async function inTurn(
  page: (afterPosition: number, limit: number) => Promise<{ user_id: string; position: number }[]>,
  eligible: (ids: string[]) => Promise<(PresenceRow & { position: number })[]>,
  pointerPos: number,
  need = ORDERED_CANDIDATES,
): Promise<(PresenceRow & { position: number })[]> {
  const out: (PresenceRow & { position: number })[] = [];
  let from = pointerPos;
  let wrapped = false;
  while (out.length < need) {
    const ids = await page(from, 32);
    const usable = wrapped ? ids.filter((r) => r.position <= pointerPos) : ids;
    if (usable.length === 0) {
      if (wrapped || pointerPos < 0) break;
      wrapped = true;
      from = -1;
      continue;
    }
    const ok = new Map((await eligible(usable.map((r) => r.user_id))).map((r) => [r.user_id, r]));
    for (const r of usable) {
      const e = ok.get(r.user_id);
      if (e) out.push(e);
      if (out.length >= need) break;
    }
    from = usable[usable.length - 1]!.position;
    if (wrapped && usable.length < ids.length) break;
  }
  return out;
}

/** A queue's eligible members in the order its strategy reads them; only the head when only the first can win. */
async function groupCandidates(
  tx: Tx, key: SnapshotKey, groupId: string, strategy: QueueStrategy, pointer: string | null,
): Promise<(PresenceRow & { position: number })[]> {
  const members = () => freeGroupMembers(tx, key, groupId);
  switch (strategy) {
    case 'round_robin': {
      const pos = pointer
        ? (await tx.selectFrom('agent_group_members').select('position').where('group_id', '=', groupId).where('user_id', '=', pointer).executeTakeFirst())?.position ?? -1
        : -1;
      return inTurn(
        (after, limit) => tx.selectFrom('agent_group_members').select(['user_id', 'position']).where('group_id', '=', groupId).where('position', '>', after).orderBy('position').orderBy('user_id').limit(limit).execute(),
        (ids) => members().where('gm.user_id', 'in', ids).execute(),
        pos,
      );
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
