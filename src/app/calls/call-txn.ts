import { transition, type CallEffect, type CallEvent, type CallState } from '../../domain/calls/index.js';
import { AppError } from '../../domain/errors.js';
import type { TenantSettings } from '../../domain/settings.js';
import type { CoreDeps, Tx } from '../deps.js';
import { type DeskEvent, supervisorsOf } from '../events.js';
import type { TimerSpec } from '../../scheduler/scheduler.js';
import { WriteBatch } from '../../store/write-batch.js';
import { markAppliedQuery, type AppliedReceipt } from '../webhooks/applied-receipt.js';
import { callState, stateColumns, userNames, type CallRow } from './call-row.js';
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
  /** The customer's latest room on the channel, when the caller of routing already read it. */
  room: { assignee_id: string | null; status: 'open' | 'resolved' } | null = null;
  /** The assignee of the call's room, read with the call's lock. */
  roomAssigneeId: string | null = null;
  /** What an offer shows besides the call row, when already known. */
  offerInfo: OfferInfo | null = null;
  /** The provider event this transaction applies: marked applied with its writes. */
  receipt: AppliedReceipt | null = null;
  receiptWritten = false;
  /** Users' names this transaction already read (journey texts). */
  readonly names = new Map<string, string>();
  private readonly now: Date;
  /** Writes nobody reads back in this transaction: sent together by `flush`, before commit. */
  private readonly writes = new WriteBatch();
  private readonly journeyRows: { at: Date; event: string; agent_id: string | null; description: string; data: string }[] = [];
  private readonly timerOps = new Map<string, { kind: string; key: string; spec: TimerSpec | null }>();
  /** Call columns changed in this transaction and not written yet (`save` and `setColumns`); `flush` writes them. */
  private callColumns: Record<string, unknown> = {};

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
    const names = await this.userNames(mentioned);
    const { code, text } = describeEvent(event, before, r.state, names);
    this.journal(code, text, 'agentId' in event ? event.agentId : (opts.actorId ?? null), opts.note ?? {});
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
        for (const o of closed) this.cancelTimer(CALL_TIMERS.offerTimeout, o.id);
        if (effect.as === 'missed') await this.onMissed(effect.agentIds);
        const names = effect.as === 'taken' && this.state.agentId ? await this.userNames([this.state.agentId]) : new Map<string, string>();
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
        this.presenceHistory(effect.agentId, 'busy', 'call');
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
    this.presenceHistory(agentId, toWrapUp ? 'after_call_work' : p.status, toWrapUp ? 'wrap_up' : 'call_ended');
    if (toWrapUp) {
      this.schedule({ kind: WRAP_UP_TIMER, key: agentId, tenantId: this.row.tenant_id, dueAt: new Date(this.now.getTime() + wrap * 1000), payload: { user_id: agentId } });
      this.setColumns({ wrap_up_seconds: wrap });
    } else {
      this.freedAgents.push(agentId);
    }
    this.desk.push(presenceEvent(this.row.tenant_id, agentId, toWrapUp ? 'after_call_work' : p.status, null));
  }

  private async timersFor(before: CallState, after: CallState): Promise<void> {
    const key = this.row.id;
    const at = (ms: number) => new Date(this.now.getTime() + ms);
    const tenantId = this.row.tenant_id;
    if (after.status === 'ended') {
      for (const kind of PER_CALL_TIMERS) this.cancelTimer(kind, key);
      return;
    }
    if (after.direction === 'inbound' && !after.providerAccepted && before.status === 'routing' && after.status === 'offering') {
      this.schedule({ kind: CALL_TIMERS.acceptWindow, key, tenantId, dueAt: new Date(after.routedAt + PROVIDER_ACCEPT_WINDOW_MS) });
    }
    if (after.providerAccepted && !before.providerAccepted) this.cancelTimer(CALL_TIMERS.acceptWindow, key);
    if (after.status === 'queued' && before.status !== 'queued' && before.status !== 'offering') {
      const maxWait = await this.maxWaitSeconds();
      this.schedule({ kind: CALL_TIMERS.queueTimeout, key, tenantId, dueAt: at(maxWait * 1000) });
      this.schedule({ kind: CALL_TIMERS.queuePrompt, key, tenantId, dueAt: at(this.ctx.settings.queue_waiting_prompt_interval_s * 1000) });
    }
    if (after.status === 'connected' && before.status !== 'connected' && before.status !== 'on_hold') {
      this.cancelTimer(CALL_TIMERS.queueTimeout, key);
      this.cancelTimer(CALL_TIMERS.queuePrompt, key);
      this.cancelTimer(CALL_TIMERS.outboundRing, key);
      if (this.ctx.settings.auto_hangup_s > 0) {
        this.schedule({ kind: CALL_TIMERS.autoHangup, key, tenantId, dueAt: at(this.ctx.settings.auto_hangup_s * 1000) });
      }
    }
    if (after.status === 'on_hold' && before.status !== 'on_hold') {
      this.schedule({ kind: CALL_TIMERS.holdRetrieve, key, tenantId, dueAt: at(this.ctx.settings.hold_auto_retrieve_s * 1000) });
    }
    if (before.status === 'on_hold' && after.status !== 'on_hold') this.cancelTimer(CALL_TIMERS.holdRetrieve, key);
    if (after.status === 'voicemail' && before.status !== 'voicemail') {
      this.cancelTimer(CALL_TIMERS.queueTimeout, key);
      this.cancelTimer(CALL_TIMERS.queuePrompt, key);
      this.schedule({ kind: CALL_TIMERS.voicemailMax, key, tenantId, dueAt: at(VOICEMAIL_MAX_MS) });
    }
  }

  private async maxWaitSeconds(): Promise<number> {
    if (this.row.agent_group_id) {
      const g = await this.tx.selectFrom('agent_groups').select('max_wait_seconds').where('id', '=', this.row.agent_group_id).executeTakeFirst();
      if (g) return g.max_wait_seconds;
    }
    return this.ctx.settings.queue_max_wait_s;
  }

  /**
   * Records the state and its columns (sent with the other pending writes by `flush`); publishes a
   * call.updated for the agent(s) and supervisors. The row is locked by this transaction, so the
   * row it returns is the row that will be committed.
   */
  save(extra: SaveExtra = {}): CallRow {
    const cols = stateColumns(this.state);
    const set = { ...extra, ...cols, version: this.row.version + 1, updated_at: this.now };
    this.callColumns = { ...this.callColumns, ...set };
    const row: CallRow = { ...this.row, ...set, state: this.state as unknown as CallRow['state'] };
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

  /** Sets call columns now (this transaction's row) and in the database with the next `save`. */
  setColumns(cols: SaveExtra): void {
    this.callColumns = { ...this.callColumns, ...cols };
    this.row = { ...this.row, ...cols };
  }

  /** A journey entry of this call, written with the other pending writes, in the order they were made. */
  journal(event: string, description: string, agentId: string | null = null, data: Record<string, unknown> = {}): void {
    this.journeyRows.push({ at: this.ctx.deps.clock.now(), event, agent_id: agentId, description, data: JSON.stringify(data) });
  }

  schedule(spec: TimerSpec): void {
    this.timerOps.set(`${spec.kind}\u0000${spec.key}`, { kind: spec.kind, key: spec.key, spec });
  }

  cancelTimer(kind: string, key: string): void {
    this.timerOps.set(`${kind}\u0000${key}`, { kind, key, spec: null });
  }

  /** Any other write whose result nobody reads in this transaction, on rows no other pending write touches. */
  defer(query: Parameters<WriteBatch['add']>[0], key?: string): void {
    this.writes.add(query, key);
  }

  /** Names of users (journey texts), reading only the ones this transaction does not know yet. */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id));
    if (missing.length > 0) for (const [id, name] of await userNames(this.tx, missing)) this.names.set(id, name);
    return this.names;
  }

  /** Sends every pending write in one statement. Called before commit, and before anything that must read them. */
  async flush(): Promise<void> {
    const { tx } = this;
    const rows = this.journeyRows.splice(0);
    if (rows.length > 0) {
      this.writes.add(tx.insertInto('call_journey').values(rows.map((r) => ({ tenant_id: this.row.tenant_id, call_id: this.row.id, ...r }))));
    }
    const ops = [...this.timerOps.values()];
    this.timerOps.clear();
    const schedules = ops.flatMap((o) => (o.spec ? [o.spec] : []));
    const cancels = ops.filter((o) => !o.spec);
    const { scheduler } = this.ctx.deps;
    if (schedules.length > 0) this.writes.add(scheduler.schedulesQuery(tx, schedules));
    if (cancels.length > 0) this.writes.add(scheduler.cancelsQuery(tx, cancels));
    if (Object.keys(this.callColumns).length > 0) {
      this.writes.add(tx.updateTable('calls').set(this.callColumns).where('id', '=', this.row.id));
      this.callColumns = {};
    }
    if (this.receipt && !this.receiptWritten) {
      this.writes.add(markAppliedQuery(tx, this.receipt, this.ctx.deps.clock.now()));
      this.receiptWritten = true;
    }
    await this.writes.flush(tx);
  }

  private presenceHistory(userId: string, status: string, source: string): void {
    this.writes.add(this.tx.insertInto('presence_history').values({ tenant_id: this.row.tenant_id, user_id: userId, status, pause_reason_id: null, source, changed_by: null, at: this.now }));
  }
}

export interface OfferInfo {
  channel_name: string;
  display_number: string;
  contact_name: string | null;
}

export interface SaveExtra {
  agent_group_id?: string | null;
  wrap_up_seconds?: number | null;
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

function presenceEvent(tenantId: string, userId: string, status: string, callId: string | null): DeskEvent {
  return { type: 'presence.changed', tenantId, audience: { ...supervisorsOf([userId]), userIds: [userId] }, data: { presence: { user_id: userId, effective_status: callId ? 'busy' : status, current_call_id: callId } } };
}
