import { transition, type CallEffect, type CallEvent, type CallState } from '../../domain/calls/index.js';
import { AppError } from '../../domain/errors.js';
import type { TenantSettings } from '../../domain/settings.js';
import type { CoreDeps, Tx } from '../deps.js';
import { type DeskEvent, supervisorsOf } from '../events.js';
import { callState, journal, stateColumns, userNames, type CallRow } from './call-row.js';
import { CALL_TIMERS, PER_CALL_TIMERS, PROVIDER_ACCEPT_WINDOW_MS, VOICEMAIL_MAX_MS, WRAP_UP_TIMER } from './call-timers.js';
import { describeEvent } from './describe-event.js';

/** Work that must wait until the transaction committed: talking to the provider, the media bridge. */
export type AfterCommit =
  | Exclude<CallEffect, { type: 'offers.send' | 'offers.close' | 'agent.reserve' | 'agent.release' | 'route' }>
  /** Sent to the instance holding the call's media when a supervisor elsewhere starts monitoring. */
  | { type: 'media.monitor'; userId: string; role: 'listen' | 'whisper' | 'barge' };

export interface TxnContext {
  deps: CoreDeps;
  settings: TenantSettings;
}

/**
 * One call inside one transaction: events are applied to the locked row one after the other,
 * their database-side effects (offers, agent reservation, timers, journey) happen in the same
 * transaction, and everything that talks to the outside world is collected for after commit.
 */
export class CallTxn {
  state: CallState;
  readonly desk: DeskEvent[] = [];
  readonly after: AfterCommit[] = [];
  /** Ask the engine to route again (after a reject/miss, or a transfer) in this transaction. */
  needsRoute = false;
  /** Agents freed by this transaction (queued calls may now be offered to them). */
  readonly freedAgents: string[] = [];
  readonly offeredAgents: string[] = [];
  endedNow = false;
  /** The call was answered in this transaction (first time). */
  answeredNow = false;
  /** A transfer to one named agent: routing offers to them instead of deciding. */
  directAgent: string | null = null;
  private readonly now: Date;

  constructor(readonly tx: Tx, public row: CallRow, private readonly ctx: TxnContext) {
    this.state = callState(row);
    this.now = ctx.deps.clock.now();
  }

  get call(): CallRow {
    return this.row;
  }

  /** The tenant's settings, loaded once for this transaction. */
  get settings(): TenantSettings {
    return this.ctx.settings;
  }

  /** Applies one event; throws AppError (nothing applied) when the call cannot take it. */
  async apply(event: CallEvent, opts: { actorId?: string | null; note?: Record<string, unknown> } = {}): Promise<void> {
    const before = this.state;
    const r = transition(before, event, this.now.getTime());
    if (!r.ok) throw new AppError(r.code, r.code === 'OFFER_TAKEN' ? 'Another agent already took this call.' : `The call is ${before.status}; it cannot ${event.type.replace(/_/g, ' ')} now.`);
    this.state = r.state;
    if (event.type === 'transfer') {
      // The answered offer of the previous round is history now; the next round may be answered again.
      await this.tx.updateTable('call_offers').set({ status: 'transferred' }).where('call_id', '=', this.row.id).where('status', '=', 'accepted').execute();
    }
    for (const effect of r.effects) await this.perform(effect);
    await this.timersFor(before, r.state);
    const mentioned = [...('agentId' in event ? [event.agentId] : []), ...(event.type === 'offer' ? event.agentIds : []), ...(before.agentId ? [before.agentId] : []), ...(r.state.agentId ? [r.state.agentId] : [])];
    const names = await userNames(this.tx, [...new Set(mentioned)]);
    const { code, text } = describeEvent(event, before, r.state, names);
    await journal(this.tx, this.row, this.now, code, text, 'agentId' in event ? event.agentId : (opts.actorId ?? null), opts.note ?? {});
    if (r.state.status === 'ended' && before.status !== 'ended') this.endedNow = true;
    if (before.answeredAt === null && r.state.answeredAt !== null) this.answeredNow = true;
  }

  private async perform(effect: CallEffect): Promise<void> {
    const { tx } = this;
    switch (effect.type) {
      case 'offers.send':
        // The rows were inserted by the router (it needs them to win the agent); nothing more here.
        this.offeredAgents.push(...effect.agentIds);
        return;
      case 'offers.close': {
        const closed = await tx
          .updateTable('call_offers')
          .set({ status: effect.as, responded_at: this.now })
          .where('call_id', '=', this.row.id)
          .where('agent_id', 'in', effect.agentIds)
          .where('status', '=', 'ringing')
          .returning(['id', 'agent_id'])
          .execute();
        for (const o of closed) await this.ctx.deps.scheduler.cancel(tx, CALL_TIMERS.offerTimeout, o.id);
        if (effect.as === 'missed') await this.onMissed(effect.agentIds);
        const names = effect.as === 'taken' && this.state.agentId ? await userNames(tx, [this.state.agentId]) : new Map<string, string>();
        this.desk.push({
          type: `call.offer_${effect.as === 'cancelled' ? 'cancelled' : effect.as}`,
          tenantId: this.row.tenant_id,
          audience: { userIds: closed.map((o) => o.agent_id) },
          data: {
            id: this.row.id, call_id: this.row.id, reason: effect.as === 'cancelled' ? (this.state.result === 'user_abandon' ? 'abandoned' : 'ended') : effect.as,
            ...(effect.as === 'taken' ? { taken_by: this.state.agentId, taken_by_name: names.get(this.state.agentId ?? '') ?? null } : {}),
          },
        });
        return;
      }
      case 'agent.reserve': {
        const reserved = await tx
          .updateTable('agent_presence')
          .set({ current_call_id: this.row.id, busy_since: this.now, missed_in_row: 0 })
          .where('user_id', '=', effect.agentId)
          .where('current_call_id', 'is', null)
          .returning('user_id')
          .executeTakeFirst();
        if (!reserved) throw new AppError('AGENT_BUSY', 'You are already on another call.');
        await tx.updateTable('call_offers').set({ status: 'accepted', responded_at: this.now }).where('call_id', '=', this.row.id).where('agent_id', '=', effect.agentId).where('status', '=', 'ringing').execute();
        // Any other offer still ringing for this agent (another call) is withdrawn: one call at a time.
        await tx.updateTable('call_offers').set({ status: 'cancelled', responded_at: this.now }).where('agent_id', '=', effect.agentId).where('status', '=', 'ringing').execute();
        await presenceHistory(tx, this.row.tenant_id, effect.agentId, 'busy', 'call', this.now);
        this.desk.push(presenceEvent(this.row.tenant_id, effect.agentId, 'busy', this.row.id));
        return;
      }
      case 'agent.release':
        await this.release(effect.agentId);
        return;
      case 'route':
        this.needsRoute = true;
        return;
      default:
        this.after.push(effect);
    }
  }

  private async onMissed(agentIds: string[]): Promise<void> {
    const limit = this.ctx.settings.auto_pause_after_missed;
    for (const agentId of agentIds) {
      const p = await this.tx
        .updateTable('agent_presence')
        .set((eb) => ({ missed_in_row: eb('missed_in_row', '+', 1) }))
        .where('user_id', '=', agentId)
        .returning(['missed_in_row', 'status'])
        .executeTakeFirst();
      if (!p || limit === 0 || p.missed_in_row < limit || p.status !== 'available') continue;
      const reason = await this.tx.selectFrom('pause_reasons').select('id').where('tenant_id', '=', this.row.tenant_id).where('system_key', '=', 'missed_calls').executeTakeFirst();
      await this.tx.updateTable('agent_presence').set({ status: 'paused', pause_reason_id: reason?.id ?? null, status_since: this.now }).where('user_id', '=', agentId).execute();
      await this.tx.insertInto('presence_history').values({ tenant_id: this.row.tenant_id, user_id: agentId, status: 'paused', pause_reason_id: reason?.id ?? null, source: 'auto_pause', changed_by: null, at: this.now }).execute();
      this.desk.push({
        type: 'presence.auto_paused', tenantId: this.row.tenant_id, audience: { ...supervisorsOf([agentId]), userIds: [agentId] },
        data: { user_id: agentId, missed_in_row: p.missed_in_row, reason: 'Missed calls' },
      });
      this.desk.push(presenceEvent(this.row.tenant_id, agentId, 'paused', null));
    }
  }

  /** After a call: free the agent, wrap-up when the group asks for it. A status the agent chose meanwhile stays. */
  private async release(agentId: string): Promise<void> {
    const p = await this.tx.selectFrom('agent_presence').select(['status', 'current_call_id']).where('user_id', '=', agentId).forUpdate().executeTakeFirst();
    if (!p || p.current_call_id !== this.row.id) return;
    let wrap = 0;
    if (this.row.agent_group_id) {
      const g = await this.tx.selectFrom('agent_groups').select('wrap_up_seconds').where('id', '=', this.row.agent_group_id).executeTakeFirst();
      wrap = g?.wrap_up_seconds ?? 0;
    }
    const toWrapUp = wrap > 0 && p.status === 'available';
    await this.tx
      .updateTable('agent_presence')
      .set({
        current_call_id: null, busy_since: null, last_call_ended_at: this.now,
        ...(toWrapUp ? { status: 'after_call_work', status_since: this.now } : {}),
        ...(p.status === 'available' && !toWrapUp ? { available_since: this.now } : {}),
      })
      .where('user_id', '=', agentId)
      .execute();
    await presenceHistory(this.tx, this.row.tenant_id, agentId, toWrapUp ? 'after_call_work' : p.status, toWrapUp ? 'wrap_up' : 'call_ended', this.now);
    if (toWrapUp) {
      await this.ctx.deps.scheduler.schedule(this.tx, {
        kind: WRAP_UP_TIMER, key: agentId, tenantId: this.row.tenant_id, dueAt: new Date(this.now.getTime() + wrap * 1000), payload: { user_id: agentId },
      });
      await this.tx.updateTable('calls').set({ wrap_up_seconds: wrap }).where('id', '=', this.row.id).execute();
    } else {
      this.freedAgents.push(agentId);
    }
    this.desk.push(presenceEvent(this.row.tenant_id, agentId, toWrapUp ? 'after_call_work' : p.status, null));
  }

  private async timersFor(before: CallState, after: CallState): Promise<void> {
    const { scheduler } = this.ctx.deps;
    const key = this.row.id;
    const at = (ms: number) => new Date(this.now.getTime() + ms);
    const tenantId = this.row.tenant_id;
    if (after.status === 'ended') {
      await scheduler.cancelAll(this.tx, PER_CALL_TIMERS, key);
      return;
    }
    if (after.direction === 'inbound' && !after.providerAccepted && before.status === 'routing' && after.status === 'offering') {
      await scheduler.schedule(this.tx, { kind: CALL_TIMERS.acceptWindow, key, tenantId, dueAt: new Date(after.routedAt + PROVIDER_ACCEPT_WINDOW_MS) });
    }
    if (after.providerAccepted && !before.providerAccepted) await scheduler.cancel(this.tx, CALL_TIMERS.acceptWindow, key);
    if (after.status === 'queued' && before.status !== 'queued' && before.status !== 'offering') {
      const maxWait = await this.maxWaitSeconds();
      await scheduler.schedule(this.tx, { kind: CALL_TIMERS.queueTimeout, key, tenantId, dueAt: at(maxWait * 1000) });
      await scheduler.schedule(this.tx, { kind: CALL_TIMERS.queuePrompt, key, tenantId, dueAt: at(this.ctx.settings.queue_waiting_prompt_interval_s * 1000) });
    }
    if (after.status === 'connected' && before.status !== 'connected' && before.status !== 'on_hold') {
      await scheduler.cancel(this.tx, CALL_TIMERS.queueTimeout, key);
      await scheduler.cancel(this.tx, CALL_TIMERS.queuePrompt, key);
      await scheduler.cancel(this.tx, CALL_TIMERS.outboundRing, key);
      if (this.ctx.settings.auto_hangup_s > 0) {
        await scheduler.schedule(this.tx, { kind: CALL_TIMERS.autoHangup, key, tenantId, dueAt: at(this.ctx.settings.auto_hangup_s * 1000) });
      }
    }
    if (after.status === 'on_hold' && before.status !== 'on_hold') {
      await scheduler.schedule(this.tx, { kind: CALL_TIMERS.holdRetrieve, key, tenantId, dueAt: at(this.ctx.settings.hold_auto_retrieve_s * 1000) });
    }
    if (before.status === 'on_hold' && after.status !== 'on_hold') await scheduler.cancel(this.tx, CALL_TIMERS.holdRetrieve, key);
    if (after.status === 'voicemail' && before.status !== 'voicemail') {
      await scheduler.cancel(this.tx, CALL_TIMERS.queueTimeout, key);
      await scheduler.cancel(this.tx, CALL_TIMERS.queuePrompt, key);
      await scheduler.schedule(this.tx, { kind: CALL_TIMERS.voicemailMax, key, tenantId, dueAt: at(VOICEMAIL_MAX_MS) });
    }
  }

  private async maxWaitSeconds(): Promise<number> {
    if (this.row.agent_group_id) {
      const g = await this.tx.selectFrom('agent_groups').select('max_wait_seconds').where('id', '=', this.row.agent_group_id).executeTakeFirst();
      if (g) return g.max_wait_seconds;
    }
    return this.ctx.settings.queue_max_wait_s;
  }

  /** Writes the state and its columns; publishes a call.updated for the agent(s) and supervisors. */
  async save(extra: SaveExtra = {}): Promise<CallRow> {
    const cols = stateColumns(this.state);
    const row = await this.tx
      .updateTable('calls')
      .set((eb) => ({ ...cols, ...extra, version: eb('version', '+', 1), updated_at: this.now }))
      .where('id', '=', this.row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    this.row = row;
    const audience = new Set<string>([...(row.agent_id ? [row.agent_id] : [])]);
    this.desk.push({
      type: row.status === 'ended' ? 'call.ended' : 'call.updated',
      tenantId: row.tenant_id,
      audience: { ...supervisorsOf([row.agent_id, ...this.state.tried], [row.agent_group_id]), userIds: [...audience] },
      data: { id: row.id, call: summarize(row) },
    });
    return row;
  }
}

export interface SaveExtra {
  agent_group_id?: string | null;
  ring_group_id?: string | null;
  tier?: string | null;
  failure_code?: string | null;
  recording_path?: string | null;
  offered_at?: Date | null;
  cost_minor?: number | null;
}

export function summarize(row: CallRow) {
  return {
    id: row.id, direction: row.direction, status: row.status, result: row.result, channel_id: row.channel_id, agent_id: row.agent_id,
    customer_number: row.customer_number, conversation_id: row.conversation_id, contact_id: row.contact_id,
    offered_at: row.offered_at, answered_at: row.answered_at, ended_at: row.ended_at, hold_started_at: row.hold_started_at,
    talk_seconds: row.talk_seconds, wait_seconds: row.wait_seconds, provider_call_id: row.provider_call_id,
  };
}

async function presenceHistory(tx: Tx, tenantId: string, userId: string, status: string, source: string, at: Date): Promise<void> {
  await tx.insertInto('presence_history').values({ tenant_id: tenantId, user_id: userId, status, pause_reason_id: null, source, changed_by: null, at }).execute();
}

function presenceEvent(tenantId: string, userId: string, status: string, callId: string | null): DeskEvent {
  return { type: 'presence.changed', tenantId, audience: { ...supervisorsOf([userId]), userIds: [userId] }, data: { presence: { user_id: userId, effective_status: callId ? 'busy' : status, current_call_id: callId } } };
}
