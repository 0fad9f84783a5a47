import fs from 'node:fs/promises';
import path from 'node:path';
import type { CallEvent } from '../../domain/calls/index.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { CoreDeps, Tx } from '../deps.js';
import { internalAudience } from '../events.js';
import type { MediaPort } from '../ports/media.js';
import type { CallProvider, ChannelCredentials } from '../ports/provider.js';
import { journal, lockCallAndSettings, lockCallWhere, userNames, type CallRow, type LockedCall } from './call-row.js';
import { CallTxn, summarize, type AfterCommit, type OfferInfo, type SaveExtra } from './call-txn.js';
import type { TenantSettings } from '../../domain/settings.js';
import type { AppliedReceipt } from '../webhooks/applied-receipt.js';
import { createSerialQueue } from './serial-queue.js';
import { createCallMedia } from './call-media.js';
import { createCallRouter } from './call-router.js';
import { writeEndedMessage } from './ended-message.js';
import { noSeams, type Seams } from '../seams.js';
import { retryTransient } from '../db-errors/retry-transient.js';

export interface CallEngineDeps extends CoreDeps {
  provider: CallProvider | null;
  media: MediaPort | null;
  random: () => number;
  /** Where recordings and voicemail files go. */
  dataDir: string;
  /** Default prompt files (queue entry, waiting, voicemail, hold music, callback intro). */
  prompts: PromptFiles;
  /** Points where tests hold an operation to reproduce a race (none in production). */
  seams?: Seams;
  /** A tenant's uploaded prompt id → its file (admins replace the defaults per channel). */
  resolvePrompt?: (tenantId: string, promptId: string) => Promise<string | null>;
}

export interface PromptFiles {
  queue_entry: string;
  queue_waiting: string;
  voicemail: string;
  hold_music: string;
  callback_intro: string;
}

/** Hooks other capabilities attach to (billing, permissions, callbacks) without the engine knowing them. */
export interface CallHooks {
  /** Columns of a call that just ended, written with its final state (no statement of their own). */
  endedColumns: ((call: CallRow) => SaveExtra)[];
  onEnded: ((tx: Tx, call: CallRow) => Promise<void>)[];
  onConnected: ((tx: Tx, call: CallRow) => Promise<void>)[];
  afterEnded: ((call: CallRow) => Promise<void>)[];
}

export interface ApplyOptions {
  tenantId?: string;
  actorId?: string | null;
  before?: (t: CallTxn) => Promise<void>;
  extra?: SaveExtra;
  receipt?: AppliedReceipt;
}

export interface NewCallKnown {
  settings: TenantSettings;
  room: { assignee_id: string | null; status: 'open' | 'resolved' };
  offerInfo?: OfferInfo;
  receipt?: AppliedReceipt;
  /** Journey entries that come before routing's (written with them). */
  journey?: { event: string; description: string }[];
}

/** Effects that need the media bridge holding the call's legs (the instance that answered the provider). */
const needsMediaOwner = (e: AfterCommit): boolean => e.type === 'provider.accept' || e.type.startsWith('media.');

/**
 * Runs calls: applies events to a call under its row lock, routes and offers, and performs what
 * the state machine asks of the provider and the media bridge after commit, one call at a time.
 */
export function createCallEngine(deps: CallEngineDeps) {
  const { db, clock, events, log } = deps;
  const seams = deps.seams ?? noSeams;
  const hooks: CallHooks = { endedColumns: [], onEnded: [], onConnected: [], afterEnded: [] };
  const serial = createSerialQueue();
  const { routeIn } = createCallRouter(deps);
  const callMedia = createCallMedia(deps, serial, (callId, effects) => runEffects(callId, effects));
  const { mediaOwner, providerSdp, promptFile, queueEntry, offerAgentLeg, monitorHere, startRecordingIfEnabled } = callMedia;

  async function credentials(channelId: string): Promise<ChannelCredentials | null> {
    const ch = await db.selectFrom('channels').select(['phone_number_id', 'access_token']).where('id', '=', channelId).executeTakeFirst();
    return ch?.phone_number_id && ch.access_token ? { phoneNumberId: ch.phone_number_id, accessToken: ch.access_token } : null;
  }

  /**
   * Applies `event` (and any routing it triggers) to the call in one transaction. Throws the
   * state machine's refusal (CALL_STATE_CHANGED, OFFER_TAKEN) or AGENT_BUSY with nothing changed.
   */
  async function apply(callId: string, event: CallEvent, opts: ApplyOptions = {}): Promise<CallRow> {
    const done = await applyLocked((tx) => lockCallAndSettings(tx, callId, opts.tenantId), () => event, opts);
    return done!;
  }

  /**
   * `apply` to the call the provider knows by this id on the channel, the event decided from the locked row
   * (`decide` answers null: nothing to do). Resolves 'missing' when there is no such call, else the row.
   */
  async function applyToProviderCall(
    channelId: string, providerCallId: string, decide: (row: CallRow) => CallEvent | null, opts: ApplyOptions = {},
  ): Promise<CallRow | 'missing'> {
    const done = await applyLocked((tx) => lockCallWhere(tx, { channelId, providerCallId }), decide, opts);
    return done ?? 'missing';
  }

  async function applyLocked(lock: (tx: Tx) => Promise<LockedCall | null>, decide: (row: CallRow) => CallEvent | null, opts: ApplyOptions): Promise<CallRow | null> {
    const outcome = await retryTransient(() => db.transaction().execute(async (tx) => {
      const locked = await lock(tx);
      if (!locked) return null;
      const event = decide(locked.row);
      if (!event) return { txn: null, row: locked.row };
      await seams.hit('call.locked', { callId: locked.row.id, event: event.type, ...('agentId' in event ? { agentId: event.agentId } : {}) });
      const t = new CallTxn(tx, locked.row, { deps, settings: locked.settings });
      t.roomAssigneeId = locked.roomAssigneeId;
      if (opts.receipt) t.receipt = opts.receipt;
      if (opts.before) await opts.before(t);
      await t.apply(event, { actorId: opts.actorId ?? null });
      if (t.needsRoute && t.state.status !== 'ended') await routeIn(t);
      return { txn: t, row: await finish(t, opts.extra) };
    }));
    if (!outcome) return null;
    if (!outcome.txn) return outcome.row;
    if (opts.receipt && outcome.txn.receiptWritten) opts.receipt.recorded = true;
    await afterCommit(outcome.txn);
    return outcome.row;
  }

  /**
   * Starts routing a new call (created by the caller in `tx`). What the caller already read — the tenant's
   * settings, the customer's room, the names shown on the offer — need not be read again.
   */
  async function routeNew(tx: Tx, row: CallRow, known: NewCallKnown): Promise<CallTxn> {
    const t = new CallTxn(tx, row, { deps, settings: known.settings });
    t.room = known.room;
    t.roomAssigneeId = known.room.assignee_id;
    if (known.receipt) t.receipt = known.receipt;
    if (known.offerInfo) t.offerInfo = known.offerInfo;
    for (const j of known.journey ?? []) t.journal(j.event, j.description);
    await routeIn(t);
    await finish(t, { offered_at: row.offered_at ?? clock.now() });
    return t;
  }

  async function finish(t: CallTxn, extra: SaveExtra = {}): Promise<CallRow> {
    t.save(extra);
    if (t.endedNow) {
      for (const columns of hooks.endedColumns) t.setColumns(columns(t.row));
      writeEndedMessage(deps, t);
    }
    const row = t.row;
    // The hooks below read and write the database on their own: the call's pending writes go first.
    await t.flush();
    if (t.endedNow) {
      for (const h of hooks.onEnded) await h(t.tx, row);
    }
    if (t.answeredNow && row.status === 'connected') {
      for (const h of hooks.onConnected) await h(t.tx, row);
    }
    return row;
  }

  /** Publishes the desk events, then talks to the provider and the media bridge in order, per call. */
  async function afterCommit(t: CallTxn): Promise<void> {
    events.publish(t.desk);
    const row = t.call;
    const work = t.after.slice();
    if (work.length > 0) {
      // The instance that answered the provider owns the media; this transaction's row says which when it is known.
      const owner = row.media_instance ?? await mediaOwner(row.id);
      const remote = owner && owner !== deps.instanceId ? work.filter(needsMediaOwner) : [];
      const local = work.filter((e) => !remote.includes(e));
      if (remote.length > 0) {
        // The call's media lives on another instance: it performs these, in order.
        events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: remote } }]);
      }
      if (local.length > 0) await runEffects(row.id, local, row);
    }
    if (t.answeredNow && deps.media && !t.endedNow) {
      void serial.run(row.id, () => startRecordingIfEnabled(row)).catch((err) => log.warn({ err, callId: row.id }, 'recording did not start'));
    }
    if (t.endedNow) for (const h of hooks.afterEnded) await h(row).catch((err) => log.error({ err, callId: row.id }, 'after-ended hook failed'));
    const freed = t.freedAgents;
    if (freed.length > 0) void dispatchWaiting(row.tenant_id).catch((err) => log.error({ err }, 'dispatching waiting calls failed'));
    // Auto-answer: offers to agents who asked for it (or when the tenant forces it) accept at once.
    for (const e of t.desk) {
      if (e.type === 'call.offered' && e.data.auto_answer === true) {
        const agentId = e.audience.userIds?.[0];
        if (agentId) void apply(row.id, { type: 'accept', agentId }, { actorId: agentId }).catch(() => {});
      }
    }
  }

  async function runEffects(callId: string, effects: AfterCommit[], committed?: CallRow): Promise<void> {
    await serial.run(callId, async () => {
      let first = committed;
      for (const effect of effects) {
        // Each effect sees the row as committed: the one this instance just wrote for the first, else read again
        // (effects before it may have changed it; a remote instance gets only the id).
        const row = first ?? await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
        first = undefined;
        if (!row) return;
        try {
          await perform(row, effect);
        } catch (err) {
          await onEffectFailed(row, effect, err);
        }
      }
    });
  }

  async function perform(row: CallRow, effect: AfterCommit): Promise<void> {
    const media = deps.media;
    switch (effect.type) {
      case 'provider.accept': {
        const creds = await credentials(row.channel_id);
        const sdp = await providerSdp(row.id);
        if (!deps.provider || !creds || !row.provider_call_id) throw new AppError('PROVIDER_UNAVAILABLE', 'No provider for this channel.');
        if (!sdp) throw new AppError('MEDIA_FAILED', 'No media answer for this call.');
        await deps.provider.accept(creds, row.provider_call_id, sdp);
        await journal(db, row, clock.now(), 'provider_accepted', 'Accepted at WhatsApp');
        const fresh = await db.selectFrom('calls').select('status').where('id', '=', row.id).executeTakeFirst();
        if (media) await media.startProviderMedia(row.id, fresh?.status === 'queued' || fresh?.status === 'offering' ? await queueEntry(row) : { kind: 'silence' });
        return;
      }
      case 'provider.reject':
      case 'provider.terminate': {
        const creds = await credentials(row.channel_id);
        if (!deps.provider || !creds || !row.provider_call_id) return;
        // Meta has no reject for a business-initiated call: terminate stops the customer's phone ringing.
        if (effect.type === 'provider.reject' && row.direction === 'inbound') await deps.provider.reject(creds, row.provider_call_id);
        else await deps.provider.terminate(creds, row.provider_call_id);
        return;
      }
      case 'media.connect_agent':
        if (!media) return;
        // A business call answered: the customer hears the agent, whose leg was offered when dialling.
        if (row.direction === 'outbound') {
          await media.startProviderMedia(row.id, { kind: 'agent' });
          if (callMedia.agentLeg(row.id)?.agentId === effect.agentId) return;
        }
        await offerAgentLeg(row, effect.agentId);
        return;
      case 'media.hold':
        if (media) await media.hold(row.id, await promptFile(row, 'hold_music'));
        return;
      case 'media.resume':
        if (media) await media.resume(row.id);
        return;
      case 'media.queue':
        if (media) await media.playToCaller(row.id, await queueEntry(row));
        return;
      case 'media.voicemail':
        if (media) {
          const file = path.join(deps.dataDir, 'voicemail', `${row.id}.opus`);
          await fs.mkdir(path.dirname(file), { recursive: true });
          await media.playToCaller(row.id, { kind: 'prompt', file: await promptFile(row, 'voicemail') });
          await media.recordCaller(row.id, file, 120_000);
        }
        return;
      case 'media.monitor':
        await monitorHere(row, effect.userId, effect.role, true);
        return;
      case 'media.end': {
        callMedia.forget(row.id);
        if (!media) return;
        const { recordings } = await media.endCall(row.id);
        if (recordings[0]) await db.updateTable('calls').set({ recording_path: recordings[0] }).where('id', '=', row.id).execute();
        return;
      }
    }
  }

  async function onEffectFailed(row: CallRow, effect: AfterCommit, err: unknown): Promise<void> {
    log.warn({ err: isAppError(err) ? { code: err.code, message: err.message } : err, callId: row.id, effect: effect.type }, 'call effect failed');
    await journal(db, row, clock.now(), 'effect_failed', `${effect.type} failed: ${isAppError(err) ? err.code : 'error'}`, null, {
      effect: effect.type, code: isAppError(err) ? err.code : 'INTERNAL', details: isAppError(err) ? (err.details ?? null) : null,
    }).catch(() => {});
    // A call we could not accept or connect cannot go on: end it cleanly.
    // Not awaited: this runs inside the call's serial queue, and ending the call queues more work on it.
    if (effect.type === 'provider.accept' || effect.type === 'media.connect_agent') {
      setImmediate(() => {
        apply(row.id, { type: 'failed', reason: `${effect.type.replace('.', '_')}_failed` }, { extra: { failure_code: isAppError(err) ? err.code : 'INTERNAL' } }).catch(() => {});
      });
    }
  }

  /** Offers queued calls of the tenant to agents who just became free, oldest first. */
  async function dispatchWaiting(tenantId: string): Promise<void> {
    const waiting = await db
      .selectFrom('calls').select('id')
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'offering'), eb('provider_accepted', '=', true)])]))
      .orderBy('offered_at').limit(20).execute();
    for (const w of waiting) {
      await retryTransient(() => db.transaction().execute(async (tx) => {
        const { row: locked, settings, roomAssigneeId } = await lockCallAndSettings(tx, w.id);
        if (locked.status !== 'queued') return null;
        const t = new CallTxn(tx, locked, { deps, settings });
        t.roomAssigneeId = roomAssigneeId;
        await routeIn(t);
        await finish(t);
        return t;
      })).then((t) => (t ? afterCommit(t) : undefined)).catch((err) => log.warn({ err, callId: w.id }, 'waiting call dispatch failed'));
    }
  }

  return {
    hooks,
    apply,
    applyToProviderCall,
    reofferAgentLeg: callMedia.reofferAgentLeg,
    startMonitor: callMedia.startMonitor,
    stopMonitor: callMedia.stopMonitor,
    routeNew,
    afterCommit,
    agentAnswered: callMedia.agentAnswered,
    dispatchWaiting,
    credentials,
    summarize,
    serial,
    /** Registers the SDP answer being produced for a call (pre_accept and accept share it). */
    trackSdp: callMedia.trackSdp,
    agentLeg: callMedia.agentLeg,
    /** Offers the agent a media leg for the call now (a business call: while it is still ringing). */
    offerAgentLeg: (row: CallRow, agentId: string) => serial.run(row.id, () => offerAgentLeg(row, agentId)),
    names: (ids: string[]) => userNames(db, ids),
  };
}

export type CallEngine = ReturnType<typeof createCallEngine>;
