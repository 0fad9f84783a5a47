import { sql } from 'kysely';
import { decideRouting } from '../../domain/routing/index.js';
import { noSeams } from '../seams.js';
import type { CallEngineDeps } from './call-engine.js';
import type { CallRow } from './call-row.js';
import { CALL_TIMERS } from './call-timers.js';
import type { CallTxn } from './call-txn.js';
import { loadRoutingInput, type RoutingSnapshot } from './routing-snapshot.js';

const MAX_ROUTE_ATTEMPTS = 4;

/** Routing inside a call's transaction: who is offered, and the offers that reserve them. */
export function createCallRouter(deps: CallEngineDeps) {
  const { clock } = deps;
  const seams = deps.seams ?? noSeams;

  /**
   * Decides who is offered the call and writes the offers. The offer rows are the reservation:
   * an agent can ring for one call only (unique index), so two instances or two calls racing for
   * the last free agent resolve here, and the loser routes on.
   */
  async function routeIn(t: CallTxn): Promise<void> {
    const tx = t.tx;
    const row = t.call;
    const excluded = new Set(t.state.tried);
    const onlyGroups = t.state.transfers > 0 || t.state.providerAccepted ? queueGroups(row) : null;
    if (t.directAgent) {
      const { offered } = await insertOffers(t, [t.directAgent], false);
      t.directAgent = null;
      if (offered.length > 0) {
        await t.apply({ type: 'offer', agentIds: offered });
        return;
      }
    }
    let snapshot: RoutingSnapshot | null = null;
    let loads = 0;
    let first = true;
    // Agents another transaction is offering a call right now: passed over while others are free (SKIP LOCKED),
    // waited for when nobody else is.
    const lockedOut = new Set<string>();
    let waitForLocks = false;
    // Agents of the snapshot another call took since it was read (their offer committed meanwhile).
    let takenSinceLoad = false;
    for (;;) {
      if (!snapshot) {
        if (loads >= MAX_ROUTE_ATTEMPTS) break;
        snapshot = await loadRoutingInput(tx, {
          tenantId: row.tenant_id, channelId: row.channel_id, contactId: row.contact_id, onlyAgentGroupIds: onlyGroups, excluded: [...excluded],
          ...(loads === 0 && t.room ? { room: t.room } : {}),
        }, clock.now(), deps.random);
        loads++;
        lockedOut.clear();
        waitForLocks = false;
        takenSinceLoad = false;
      }
      const stale = lockedOut.size > 0 || takenSinceLoad;
      const decision = decideRouting(stale ? { ...snapshot.input, excludedAgentIds: [...excluded, ...lockedOut] } : snapshot.input);
      if (first && t.state.status === 'routing' && decision.skipped.length > 0) {
        t.journal('routing', `Skipped: ${decision.skipped.map(skipText).join('; ')}`, null, { skipped: decision.skipped });
      }
      first = false;
      if (decision.kind !== 'ring') {
        if (lockedOut.size > 0 && !waitForLocks) {
          // Everyone else is taken: wait for the agents being offered elsewhere instead of giving up on them.
          waitForLocks = true;
          lockedOut.clear();
          continue;
        }
        if (takenSinceLoad) {
          // The agents this snapshot offered were taken by other calls: look again before deciding nobody is free.
          snapshot = null;
          continue;
        }
      }
      switch (decision.kind) {
        case 'ring': {
          if (decision.tier === 'queue' && !t.state.providerAccepted) await t.apply({ type: 'queue' });
          const { offered, lockedElsewhere } = await insertOffers(t, decision.agentIds, decision.agentIds.length === 1 && !waitForLocks);
          if (offered.length === 0) {
            if (lockedElsewhere) {
              for (const a of decision.agentIds) lockedOut.add(a);
            } else {
              // Taken by another call meanwhile: the next candidate of this snapshot, then a fresh one.
              for (const a of decision.agentIds) excluded.add(a);
              takenSinceLoad = true;
            }
            continue;
          }
          // The pointer rows are shared by every call of the group: written last (with the commit), held briefly.
          if (decision.pointerUpdate?.ringGroupId) {
            t.defer(tx.updateTable('ring_groups').set({ rr_pointer: decision.pointerUpdate.pointer }).where('id', '=', decision.pointerUpdate.ringGroupId), `ring_groups:${decision.pointerUpdate.ringGroupId}`);
          }
          if (decision.pointerUpdate?.agentGroupId) {
            t.defer(tx.updateTable('agent_groups').set({ rr_pointer: decision.pointerUpdate.pointer }).where('id', '=', decision.pointerUpdate.agentGroupId), `agent_groups:${decision.pointerUpdate.agentGroupId}`);
          }
          t.setColumns({
            tier: decision.tier,
            ...(decision.ringGroupId ? { ring_group_id: decision.ringGroupId } : {}),
            ...(decision.agentGroupId ? { agent_group_id: decision.agentGroupId } : {}),
          });
          if (decision.ringGroupId) {
            const g = snapshot.ringGroupNames.get(decision.ringGroupId);
            if (g) t.journal('routed', `Routed to ring group ${g.name} (${g.mode === 'round_robin' ? 'round robin' : 'ring to all'})`, null, { ring_group_id: decision.ringGroupId });
          } else if (decision.agentGroupId && t.state.tried.length === 0) {
            const g = snapshot.agentGroupNames.get(decision.agentGroupId);
            if (g) t.journal('routed', `Routed to queue ${g.name} (${g.strategy.replace(/_/g, ' ')})`, null, { agent_group_id: decision.agentGroupId });
          } else if (decision.tier === 'assignee' && t.state.tried.length === 0) {
            t.journal('routed', 'Routed to the agent assigned to the customer\'s open room', null, {});
          }
          await t.apply({ type: 'offer', agentIds: offered });
          return;
        }
        case 'queue': {
          if (decision.agentGroupIds[0] && !t.row.agent_group_id) {
            t.setColumns({ agent_group_id: decision.agentGroupIds[0], tier: 'queue' });
          }
          if (t.state.status === 'queued') return;
          if (!t.state.providerAccepted) await t.apply({ type: 'queue' });
          else await t.apply({ type: 'no_agent', reason: 'waiting' });
          return;
        }
        case 'flow':
        case 'ai_agent':
          // Routing flows and AI agents are not connected to calls yet: nobody can take it.
          await t.apply({ type: 'no_agent', reason: `${decision.kind}_not_available` });
          return;
        case 'unanswered':
          await t.apply({ type: 'no_agent', reason: decision.reason });
          return;
      }
    }
    await t.apply({ type: 'no_agent', reason: 'agents_taken_by_other_calls' });
  }

  function queueGroups(row: CallRow): string[] | null {
    return row.agent_group_id ? [row.agent_group_id] : null;
  }

  /**
   * Locks the agents' presence rows (in a fixed order), re-checks them under the lock and writes the offers.
   * `skipLocked`: an agent whose row another transaction holds (offering them another call) is passed over at
   * once (`lockedElsewhere`) instead of waited for.
   */
  async function insertOffers(t: CallTxn, agentIds: string[], skipLocked: boolean): Promise<{ offered: string[]; lockedElsewhere: boolean }> {
    const tx = t.tx;
    const now = clock.now();
    let q = tx
      .selectFrom('agent_presence as p').innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'p.current_call_id', 'u.name', 'u.auto_answer'])
      .where('p.user_id', 'in', [...agentIds].sort())
      .orderBy('p.user_id')
      .forUpdate('p');
    if (skipLocked) q = q.skipLocked();
    const free = await q.execute();
    if (skipLocked && free.length < agentIds.length) return { offered: [], lockedElsewhere: true };
    for (const p of free) t.names.set(p.user_id, p.name);
    const candidates = free.filter((p) => p.current_call_id === null).map((p) => p.user_id);
    if (candidates.length === 0) return { offered: [], lockedElsewhere: false };
    const ringMs = t.settings.ring_timeout_s * 1000;
    const round = t.state.tried.length + 1;
    await seams.hit('route.before_offers', { callId: t.call.id, agentIds: candidates });
    const rows = await tx
      .insertInto('call_offers')
      .values(candidates.map((agentId) => ({
        id: deps.ids.next(), tenant_id: t.call.tenant_id, call_id: t.call.id, agent_id: agentId, round, status: 'ringing' as const,
        offered_at: now, deadline_at: new Date(now.getTime() + ringMs),
      })))
      // A literal, not a parameter: the partial unique index must be provable from the statement alone (prepared plans).
      .onConflict((oc) => oc.column('agent_id').where('status', '=', sql.lit('ringing')).doNothing())
      .returning(['id', 'agent_id', 'deadline_at'])
      .execute();
    for (const o of rows) {
      t.schedule({ kind: CALL_TIMERS.offerTimeout, key: o.id, tenantId: t.call.tenant_id, dueAt: o.deadline_at, payload: { call_id: t.call.id, agent_id: o.agent_id } });
    }
    if (rows.length > 0) await queueOfferEvents(t, rows, new Set(free.filter((p) => p.auto_answer).map((p) => p.user_id)));
    return { offered: rows.map((r) => r.agent_id), lockedElsewhere: false };
  }

  async function queueOfferEvents(t: CallTxn, offers: { id: string; agent_id: string; deadline_at: Date }[], autoAnswer: Set<string>): Promise<void> {
    const tx = t.tx;
    const row = t.call;
    const info = t.offerInfo ??= await tx
      .selectFrom('calls as c')
      .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
      .leftJoin('contacts as k', 'k.id', 'c.contact_id')
      .select(['ch.name as channel_name', 'ch.display_number', 'k.name as contact_name'])
      .where('c.id', '=', row.id)
      .executeTakeFirstOrThrow();
    const settings = t.settings;
    for (const o of offers) {
      t.desk.push({
        type: 'call.offered',
        tenantId: row.tenant_id,
        audience: { userIds: [o.agent_id] },
        data: {
          id: row.id, call_id: row.id, offer_id: o.id, direction: row.direction, ani: row.customer_number,
          contact_name: info.contact_name, contact_id: row.contact_id,
          channel: { id: row.channel_id, name: info.channel_name, number: info.display_number },
          conversation_id: row.conversation_id, room_link: row.conversation_id ? `/conversations/${row.conversation_id}` : null,
          ring_deadline: o.deadline_at.toISOString(), tier: t.row.tier,
          auto_answer: settings.force_auto_answer || autoAnswer.has(o.agent_id),
        },
      });
    }
  }

  return { routeIn };
}

export type CallRouter = ReturnType<typeof createCallRouter>;

const SKIP_TEXT: Record<string, string> = {
  no_assignee: 'the conversation has no assignee',
  room_not_open: 'the conversation is not open',
  assignee_unavailable: 'the assignee is not free',
  assignee_already_tried: 'the assignee was already offered the call',
  no_eligible_member: 'nobody free',
};
const TIER_TEXT: Record<string, string> = { assignee: 'assignee', round_robin: 'round-robin group', ring_all: 'ring-to-all group', queue: 'queue' };

/** One skipped routing tier as a sentence fragment for the call journey. */
function skipText(s: { tier: string; reason: string }): string {
  return `${TIER_TEXT[s.tier] ?? s.tier}, ${SKIP_TEXT[s.reason] ?? s.reason.replace(/_/g, ' ')}`;
}
