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
  /** The customer's latest room, when the caller already read it (undefined: read it here). */
  room?: { assignee_id: string | null; status: 'open' | 'resolved' } | null;
}

/** What routing read, with the group names the journey tells. */
export interface RoutingSnapshot {
  input: RoutingInput;
  ringGroupNames: Map<string, { name: string; mode: string }>;
  agentGroupNames: Map<string, { name: string; strategy: string }>;
}

/**
 * How many candidates an ordered strategy needs to see: the first eligible one wins; the others are spares for
 * calls routed at the same moment (each passes over the agents the others are offering).
 */
const ORDERED_CANDIDATES = 32;
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
export async function loadRoutingInput(tx: Tx, key: SnapshotKey, now: Date, random: () => number): Promise<RoutingSnapshot> {
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
  const ringGroupNames = new Map<string, { name: string; mode: string }>();
  const agentGroupNames = new Map<string, { name: string; strategy: string }>();
  let target: ChannelTarget | null = null;
  let groupIds: string[] = key.onlyAgentGroupIds ?? [];
  if (!key.onlyAgentGroupIds) {
    if (key.contactId) {
      const room = key.room !== undefined ? key.room : await tx
        .selectFrom('conversations').select(['assignee_id', 'status'])
        .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
        .orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (room?.assignee_id) {
        assignee = { agentId: room.assignee_id, roomOpen: room.status === 'open' };
        keep(await presence().where('p.user_id', '=', room.assignee_id).execute());
      }
    }
    // The channel's incoming target and its ring groups, each with its round-robin pointer's position, in one read.
    const channelRows = await tx
      .selectFrom('channels as ch')
      .leftJoin('ring_groups as g', 'g.channel_id', 'ch.id')
      .leftJoin('ring_group_members as pm', (j) => j.onRef('pm.ring_group_id', '=', 'g.id').onRef('pm.user_id', '=', 'g.rr_pointer'))
      .select(['ch.incoming_target', 'g.id', 'g.name', 'g.mode', 'g.ring_regardless_of_status', 'g.rr_pointer', 'pm.position as pointer_position'])
      .where('ch.id', '=', key.channelId)
      .orderBy('g.created_at')
      .execute();
    if (channelRows.length === 0) throw new Error(`channel ${key.channelId} not found`);
    for (const g of channelRows) {
      if (!g.id || !g.mode || !g.name) continue;
      ringGroupNames.set(g.id, { name: g.name, mode: g.mode });
      let rows: (PresenceRow & { position: number })[];
      if (g.mode === 'round_robin') {
        // The next members after the pointer, wrapping round: the first eligible one is next in turn.
        rows = await inTurn(key, (after, upTo) => memberPage(tx, key, 'ring_group_members', g.id!, after, upTo), g.pointer_position ?? -1);
        ringGroups.push({ id: g.id, mode: 'round_robin', ringRegardlessOfStatus: false, pointer: null, memberIds: rows.map((r) => r.user_id) });
      } else {
        rows = await freeRingMembers(tx, key, g.id, g.ring_regardless_of_status ?? false).orderBy('gm.position').execute();
        ringGroups.push({ id: g.id, mode: 'ring_all', ringRegardlessOfStatus: g.ring_regardless_of_status ?? false, pointer: g.rr_pointer, memberIds: rows.map((r) => r.user_id) });
      }
      keep(rows);
    }
    const t = channelRows[0]!.incoming_target as IncomingTarget | null;
    if (t?.type === 'agent_groups') groupIds = t.agent_group_ids;
    else if (t?.type === 'flow') target = { kind: 'flow', flowId: t.flow_id };
    else if (t?.type === 'ai_agent') target = { kind: 'ai_agent', url: t.url };
  }
  if (groupIds.length > 0) {
    const groups = await tx.selectFrom('agent_groups').select(['id', 'name', 'strategy', 'rr_pointer']).where('id', 'in', groupIds).where('tenant_id', '=', key.tenantId).execute();
    const targets = [];
    for (const id of groupIds) {
      const g = groups.find((x) => x.id === id);
      if (!g) continue;
      agentGroupNames.set(g.id, { name: g.name, strategy: g.strategy });
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

  return { input: { assignee, ringGroups, target, agents: [...snapshots.values()], excludedAgentIds: key.excluded, now, random }, ringGroupNames, agentGroupNames };
}

const PAGE = 32;

/**
 * One page of a group's members in member order, positions in (after, upTo], each with what eligibility needs.
 * The page is cut from the order index first and only its rows are joined (a handful of index lookups, whatever
 * the size of the group or of the offer history).
 */
function memberPage(tx: Tx, key: SnapshotKey, table: 'ring_group_members' | 'agent_group_members', groupId: string, after: number, upTo: number | null) {
  return tx
    .with('pg', (db) => {
      const groupColumn = table === 'ring_group_members' ? 'ring_group_id' : 'group_id';
      return db
        .selectFrom(sql<{ user_id: string; position: number }>`${sql.table(table)}`.as('x'))
        .select(['x.user_id', 'x.position'])
        .where(sql.ref(`x.${groupColumn}`), '=', groupId)
        .where('x.position', '>', after)
        .$if(upTo !== null, (q) => q.where('x.position', '<=', upTo!))
        .orderBy('x.position').orderBy('x.user_id').limit(PAGE);
    })
    .selectFrom('pg as gm')
    .innerJoin('agent_presence as p', 'p.user_id', 'gm.user_id')
    .leftJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'gm.user_id').on('m.channel_id', '=', key.channelId))
    .leftJoin('call_offers as o', (j) => j.onRef('o.agent_id', '=', 'gm.user_id').on('o.status', '=', 'ringing'))
    .select(memberColumns)
    .orderBy('gm.position').orderBy('gm.user_id')
    .execute();
}

/** What the SQL of `freeRingMembers` asks, for a row read with `memberPage`. */
const freeForCall = (key: SnapshotKey) => {
  const excluded = new Set(key.excluded);
  return (r: PresenceRow) => r.status === 'available' && r.current_call_id === null && r.ringing === null && r.member !== null && !excluded.has(r.user_id);
};

/**
 * Eligible members in turn after the pointer, wrapping round once, read a page at a time until a few are found:
 * a round robin over 1,000 members reads one page.
 */
async function inTurn(
  key: SnapshotKey,
  page: (afterPosition: number, upToPosition: number | null) => Promise<(PresenceRow & { position: number })[]>,
  pointerPos: number,
  need = ORDERED_CANDIDATES,
): Promise<(PresenceRow & { position: number })[]> {
  const free = freeForCall(key);
  const out: (PresenceRow & { position: number })[] = [];
  let from = pointerPos;
  let wrapped = false;
  while (out.length < need) {
    const rows = await page(from, wrapped ? pointerPos : null);
    for (const r of rows) {
      if (free(r)) out.push(r);
      if (out.length >= need) break;
    }
    if (rows.length === PAGE) {
      from = rows[rows.length - 1]!.position;
      continue;
    }
    if (wrapped || pointerPos < 0) break;
    wrapped = true;
    from = -1;
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
      return inTurn(key, (after, upTo) => memberPage(tx, key, 'agent_group_members', groupId, after, upTo), pos);
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
