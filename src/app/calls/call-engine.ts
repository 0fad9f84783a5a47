import fs from 'node:fs/promises';
import path from 'node:path';
import type { CallEvent } from '../../domain/calls/index.js';
import { formatDuration } from '../../domain/calls/index.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { decideRouting } from '../../domain/routing/index.js';
import type { CoreDeps, Tx } from '../deps.js';
import { internalAudience, supervisors, type DeskEvent } from '../events.js';
import type { CallerSource, MediaPort } from '../ports/media.js';
import type { CallProvider, ChannelCredentials } from '../ports/provider.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { roomAudience } from '../conversations/conversation-access.js';
import { journal, lockCall, userNames, type CallRow } from './call-row.js';
import { CALL_TIMERS } from './call-timers.js';
import { CallTxn, summarize, type AfterCommit, type SaveExtra } from './call-txn.js';
import { loadRoutingInput } from './routing-snapshot.js';
import { createSerialQueue } from './serial-queue.js';
import { noSeams, type Seams } from '../seams.js';

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
  onEnded: ((tx: Tx, call: CallRow) => Promise<void>)[];
  onConnected: ((tx: Tx, call: CallRow) => Promise<void>)[];
  afterEnded: ((call: CallRow) => Promise<void>)[];
}

const MAX_ROUTE_ATTEMPTS = 4;

/** Effects that need the media bridge holding the call's legs (the instance that answered the provider). */
const needsMediaOwner = (e: AfterCommit): boolean => e.type === 'provider.accept' || e.type.startsWith('media.');

/**
 * Runs calls: applies events to a call under its row lock, routes and offers, and performs what
 * the state machine asks of the provider and the media bridge after commit, one call at a time.
 */
export function createCallEngine(deps: CallEngineDeps) {
  const { db, clock, events, log } = deps;
  const seams = deps.seams ?? noSeams;
  const hooks: CallHooks = { onEnded: [], onConnected: [], afterEnded: [] };
  const serial = createSerialQueue();
  /** Our SDP answer per call while it is being produced (the accept must reuse the pre_accept SDP). */
  const sdpInFlight = new Map<string, Promise<string | null>>();
  /** Agent legs per call: the leg id waiting for the browser's answer. */
  const agentLegs = new Map<string, { legId: string; agentId: string }>();
  const legRetries = new Map<string, number>();
  /** Supervisors' legs per call (listen / whisper / barge). */
  const monitorLegs = new Map<string, Map<string, { userId: string; role: 'listen' | 'whisper' | 'barge' }>>();

  async function credentials(channelId: string): Promise<ChannelCredentials | null> {
    const ch = await db.selectFrom('channels').select(['phone_number_id', 'access_token']).where('id', '=', channelId).executeTakeFirst();
    return ch?.phone_number_id && ch.access_token ? { phoneNumberId: ch.phone_number_id, accessToken: ch.access_token } : null;
  }

  /**
   * Applies `event` (and any routing it triggers) to the call in one transaction. Throws the
   * state machine's refusal (CALL_STATE_CHANGED, OFFER_TAKEN) or AGENT_BUSY with nothing changed.
   */
  async function apply(callId: string, event: CallEvent, opts: { tenantId?: string; actorId?: string | null; before?: (t: CallTxn) => Promise<void>; extra?: SaveExtra } = {}): Promise<CallRow> {
    const { txn, row } = await db.transaction().execute(async (tx) => {
      const locked = await lockCall(tx, callId, opts.tenantId);
      await seams.hit('call.locked', { callId, event: event.type, ...('agentId' in event ? { agentId: event.agentId } : {}) });
      const settings = await loadSettings(tx, locked.tenant_id);
      const t = new CallTxn(tx, locked, { deps, settings });
      if (opts.before) await opts.before(t);
      await t.apply(event, { actorId: opts.actorId ?? null });
      if (t.needsRoute && t.state.status !== 'ended') await routeIn(t);
      return { txn: t, row: await finish(t, opts.extra) };
    });
    await afterCommit(txn);
    return row;
  }

  /** Starts routing a new call (created by the caller in `tx`). */
  async function routeNew(tx: Tx, row: CallRow): Promise<CallTxn> {
    const settings = await loadSettings(tx, row.tenant_id);
    const t = new CallTxn(tx, row, { deps, settings });
    await routeIn(t);
    await finish(t, { offered_at: row.offered_at ?? clock.now() });
    return t;
  }

  async function finish(t: CallTxn, extra: SaveExtra = {}): Promise<CallRow> {
    const row = await t.save(extra);
    if (t.endedNow) {
      for (const h of hooks.onEnded) await h(t.tx, row);
      await endedMessage(t.tx, row, t.desk);
    }
    if (t.answeredNow && row.status === 'connected') {
      for (const h of hooks.onConnected) await h(t.tx, row);
    }
    return row;
  }

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
      const offered = await insertOffers(t, [t.directAgent]);
      t.directAgent = null;
      if (offered.length > 0) {
        await t.apply({ type: 'offer', agentIds: offered });
        return;
      }
    }
    for (let attempt = 0; attempt < MAX_ROUTE_ATTEMPTS; attempt++) {
      const input = await loadRoutingInput(tx, {
        tenantId: row.tenant_id, channelId: row.channel_id, contactId: row.contact_id, onlyAgentGroupIds: onlyGroups, excluded: [...excluded],
      }, clock.now(), deps.random);
      const decision = decideRouting(input);
      if (attempt === 0 && t.state.status === 'routing' && decision.skipped.length > 0) {
        await journal(tx, row, clock.now(), 'routing', `Routing: ${decision.skipped.map((s) => `${s.tier} ${s.reason.replace(/_/g, ' ')}`).join('; ')}`, null, { skipped: decision.skipped });
      }
      switch (decision.kind) {
        case 'ring': {
          if (decision.tier === 'queue' && !t.state.providerAccepted) await t.apply({ type: 'queue' });
          const offered = await insertOffers(t, decision.agentIds);
          if (offered.length === 0) {
            for (const a of decision.agentIds) excluded.add(a);
            continue;
          }
          if (decision.pointerUpdate?.ringGroupId) {
            await tx.updateTable('ring_groups').set({ rr_pointer: decision.pointerUpdate.pointer }).where('id', '=', decision.pointerUpdate.ringGroupId).execute();
          }
          if (decision.pointerUpdate?.agentGroupId) {
            await tx.updateTable('agent_groups').set({ rr_pointer: decision.pointerUpdate.pointer }).where('id', '=', decision.pointerUpdate.agentGroupId).execute();
          }
          await tx.updateTable('calls').set({
            tier: decision.tier,
            ...(decision.ringGroupId ? { ring_group_id: decision.ringGroupId } : {}),
            ...(decision.agentGroupId ? { agent_group_id: decision.agentGroupId } : {}),
          }).where('id', '=', row.id).execute();
          t.row = { ...t.row, tier: decision.tier, ring_group_id: decision.ringGroupId ?? t.row.ring_group_id, agent_group_id: decision.agentGroupId ?? t.row.agent_group_id };
          if (decision.ringGroupId) {
            const g = await tx.selectFrom('ring_groups').select(['name', 'mode']).where('id', '=', decision.ringGroupId).executeTakeFirst();
            if (g) await journal(tx, row, clock.now(), 'routed', `Routed to ring group ${g.name} (${g.mode === 'round_robin' ? 'round robin' : 'ring to all'})`, null, { ring_group_id: decision.ringGroupId });
          } else if (decision.agentGroupId && t.state.tried.length === 0) {
            const g = await tx.selectFrom('agent_groups').select(['name', 'strategy']).where('id', '=', decision.agentGroupId).executeTakeFirst();
            if (g) await journal(tx, row, clock.now(), 'routed', `Routed to queue ${g.name} (${g.strategy.replace(/_/g, ' ')})`, null, { agent_group_id: decision.agentGroupId });
          } else if (decision.tier === 'assignee' && t.state.tried.length === 0) {
            await journal(tx, row, clock.now(), 'routed', 'Routed to the agent assigned to the customer\'s open room', null, {});
          }
          await t.apply({ type: 'offer', agentIds: offered });
          return;
        }
        case 'queue': {
          if (decision.agentGroupIds[0] && !t.row.agent_group_id) {
            await tx.updateTable('calls').set({ agent_group_id: decision.agentGroupIds[0], tier: 'queue' }).where('id', '=', row.id).execute();
            t.row = { ...t.row, agent_group_id: decision.agentGroupIds[0], tier: 'queue' };
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

  async function insertOffers(t: CallTxn, agentIds: string[]): Promise<string[]> {
    const tx = t.tx;
    const now = clock.now();
    // Lock the agents' presence rows in a fixed order, then re-check them under the lock.
    const free = await tx
      .selectFrom('agent_presence').select(['user_id', 'current_call_id'])
      .where('user_id', 'in', [...agentIds].sort())
      .orderBy('user_id')
      .forUpdate()
      .execute();
    const candidates = free.filter((p) => p.current_call_id === null).map((p) => p.user_id);
    if (candidates.length === 0) return [];
    const ringMs = (await loadSettings(tx, t.call.tenant_id)).ring_timeout_s * 1000;
    const round = t.state.tried.length + 1;
    await seams.hit('route.before_offers', { callId: t.call.id, agentIds: candidates });
    const rows = await tx
      .insertInto('call_offers')
      .values(candidates.map((agentId) => ({
        id: deps.ids.next(), tenant_id: t.call.tenant_id, call_id: t.call.id, agent_id: agentId, round, status: 'ringing' as const,
        offered_at: now, deadline_at: new Date(now.getTime() + ringMs),
      })))
      .onConflict((oc) => oc.column('agent_id').where('status', '=', 'ringing').doNothing())
      .returning(['id', 'agent_id', 'deadline_at'])
      .execute();
    for (const o of rows) {
      await deps.scheduler.schedule(tx, { kind: CALL_TIMERS.offerTimeout, key: o.id, tenantId: t.call.tenant_id, dueAt: o.deadline_at, payload: { call_id: t.call.id, agent_id: o.agent_id } });
    }
    if (rows.length > 0) await queueOfferEvents(t, rows);
    return rows.map((r) => r.agent_id);
  }

  async function queueOfferEvents(t: CallTxn, offers: { id: string; agent_id: string; deadline_at: Date }[]): Promise<void> {
    const tx = t.tx;
    const row = t.call;
    const info = await tx
      .selectFrom('calls as c')
      .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
      .leftJoin('contacts as k', 'k.id', 'c.contact_id')
      .select(['ch.name as channel_name', 'ch.display_number', 'k.name as contact_name'])
      .where('c.id', '=', row.id)
      .executeTakeFirstOrThrow();
    const settings = await loadSettings(tx, row.tenant_id);
    const autoAnswer = await tx.selectFrom('users').select(['id', 'auto_answer']).where('id', 'in', offers.map((o) => o.agent_id)).execute();
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
          auto_answer: settings.force_auto_answer || Boolean(autoAnswer.find((a) => a.id === o.agent_id)?.auto_answer),
        },
      });
    }
  }

  async function endedMessage(tx: Tx, row: CallRow, desk: DeskEvent[]): Promise<void> {
    if (!row.conversation_id) return;
    const duration = formatDuration(row.talk_seconds);
    const text =
      row.result === 'answered' ? `Call ended ${duration}`
      : row.result === 'voicemail' ? 'Voicemail'
      : row.result === 'user_abandon' ? 'Call cancelled by the customer'
      : row.result === 'rejected' ? 'Call declined'
      : row.result === 'missed' ? 'Missed call'
      : row.result === 'failed' ? 'Call failed'
      : 'Unanswered call';
    const id = deps.ids.next();
    const now = clock.now();
    const data = { call_id: row.id, direction: row.direction, result: row.result, talk_seconds: row.talk_seconds, duration };
    await tx.insertInto('messages').values({
      id, tenant_id: row.tenant_id, conversation_id: row.conversation_id, direction: 'system', type: 'call', body: text,
      data: JSON.stringify(data), status: null, sender_id: null, call_id: row.id, created_at: now, updated_at: now,
    }).execute();
    const conv = await tx.selectFrom('conversations').select(['channel_id', 'assignee_id']).where('id', '=', row.conversation_id).executeTakeFirst();
    if (conv) {
      desk.push({
        type: 'message.created', tenantId: row.tenant_id,
        audience: { ...supervisors, userIds: [...new Set([...(await roomAudience(tx, conv.channel_id, conv.assignee_id)), ...(row.agent_id ? [row.agent_id] : [])])] },
        data: { conversation_id: row.conversation_id, message: { id, conversation_id: row.conversation_id, direction: 'system', type: 'call', body: text, data, call_id: row.id, created_at: now } },
      });
    }
  }

  /** Publishes the desk events, then talks to the provider and the media bridge in order, per call. */
  async function afterCommit(t: CallTxn): Promise<void> {
    events.publish(t.desk);
    const row = t.call;
    const work = t.after.slice();
    if (work.length > 0) {
      const owner = await mediaOwner(row.id);
      const remote = owner && owner !== deps.instanceId ? work.filter(needsMediaOwner) : [];
      const local = work.filter((e) => !remote.includes(e));
      if (remote.length > 0) {
        // The call's media lives on another instance: it performs these, in order.
        events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: remote } }]);
      }
      if (local.length > 0) await runEffects(row.id, local);
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

  async function runEffects(callId: string, effects: AfterCommit[]): Promise<void> {
    await serial.run(callId, async () => {
      for (const effect of effects) {
        // Each effect sees the row as committed (a remote instance gets only the id).
        const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
        if (!row) return;
        try {
          await perform(row, effect);
        } catch (err) {
          await onEffectFailed(row, effect, err);
        }
      }
    });
  }

  async function mediaOwner(callId: string): Promise<string | null> {
    const r = await db.selectFrom('calls').select('media_instance').where('id', '=', callId).executeTakeFirst();
    return r?.media_instance ?? null;
  }

  // Instances hand each other the media work of the calls they own.
  events.subscribe?.((e) => {
    if (e.data.instance !== deps.instanceId) return;
    if (e.type === 'internal.call_effects') {
      void runEffects(String(e.data.call_id), e.data.effects as AfterCommit[]).catch((err) => log.error({ err }, 'remote call effects failed'));
    } else if (e.type === 'internal.agent_answer') {
      const d = e.data as { call_id: string; leg_id: string; sdp: string; actor_id: string };
      void agentAnswered(d.actor_id, d.call_id, d.leg_id, d.sdp).catch((err) => log.warn({ err: isAppError(err) ? err.code : err }, 'remote agent answer failed'));
    }
  });

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
          if (agentLegs.get(row.id)?.agentId === effect.agentId) return;
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
        agentLegs.delete(row.id);
        legRetries.delete(row.id);
        monitorLegs.delete(row.id);
        sdpInFlight.delete(row.id);
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

  /** One stereo file per call when the channel records (caller left, what the caller hears right). */
  async function startRecordingIfEnabled(row: CallRow): Promise<void> {
    const ch = await db.selectFrom('channels').select('recording_enabled').where('id', '=', row.channel_id).executeTakeFirst();
    if (!ch?.recording_enabled || !deps.media) return;
    const file = path.join(deps.dataDir, 'recordings', row.tenant_id, `${row.id}.opus`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await deps.media.startRecording(row.id, file);
    await db.updateTable('calls').set({ recording_path: file }).where('id', '=', row.id).execute();
    await journal(db, row, clock.now(), 'recording_started', 'Recording started');
  }

  async function providerSdp(callId: string): Promise<string | null> {
    const pending = sdpInFlight.get(callId);
    if (pending) return pending;
    const row = await db.selectFrom('calls').select('provider_sdp').where('id', '=', callId).executeTakeFirst();
    return row?.provider_sdp ?? null;
  }

  async function promptFile(row: CallRow, name: keyof PromptFiles): Promise<string> {
    const ch = await db.selectFrom('channels').select('prompts').where('id', '=', row.channel_id).executeTakeFirst();
    const custom = (ch?.prompts as Record<string, string | null> | undefined)?.[name];
    if (custom && deps.resolvePrompt) {
      const file = await deps.resolvePrompt(row.tenant_id, custom);
      if (file) return file;
    }
    return deps.prompts[name];
  }

  async function queueEntry(row: CallRow): Promise<CallerSource> {
    return { kind: 'prompt', file: await promptFile(row, 'queue_entry') };
  }

  async function offerAgentLeg(row: CallRow, agentId: string): Promise<void> {
    const media = deps.media!;
    const legId = `agent-${agentId.slice(-12)}-${deps.ids.next().slice(-8)}`;
    const previous = agentLegs.get(row.id);
    agentLegs.set(row.id, { legId, agentId });
    const { sdp } = await media.createAgentLeg(row.id, legId, 'agent');
    if (previous && previous.legId !== legId) await media.removeLeg(row.id, previous.legId).catch(() => {});
    events.publish([{ type: 'media.offer', tenantId: row.tenant_id, audience: { userIds: [agentId] }, data: { call_id: row.id, leg_id: legId, role: 'agent', sdp } }]);
  }

  /** The browser answered our agent-leg offer: apply it and connect the caller to the agent. */
  async function agentAnswered(actorId: string, callId: string, legId: string, sdp: string): Promise<void> {
    const owner = await mediaOwner(callId);
    if (owner && owner !== deps.instanceId) {
      const row = await db.selectFrom('calls').select('tenant_id').where('id', '=', callId).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'No such call.');
      events.publish([{ type: 'internal.agent_answer', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: callId, leg_id: legId, sdp, actor_id: actorId } }]);
      return;
    }
    const media = deps.media;
    if (!media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server.');
    const monitor = monitorLegs.get(callId)?.get(legId);
    if (monitor) {
      if (monitor.userId !== actorId) throw new AppError('CALL_STATE_CHANGED', 'This media offer is no longer current.');
      await serial.run(callId, () => media.applyAgentAnswer(callId, legId, sdp));
      const row = await db.selectFrom('calls').select(['id', 'tenant_id']).where('id', '=', callId).executeTakeFirst();
      if (row) await journal(db, row, clock.now(), `monitor_${monitor.role}`, `${(await userNames(db, [actorId])).get(actorId) ?? 'A supervisor'} started to ${monitor.role === 'listen' ? 'listen in' : monitor.role}`, actorId, { role: monitor.role });
      return;
    }
    const leg = agentLegs.get(callId);
    if (!leg || leg.legId !== legId || leg.agentId !== actorId) throw new AppError('CALL_STATE_CHANGED', 'This media offer is no longer current.');
    await serial.run(callId, async () => {
      try {
        await media.applyAgentAnswer(callId, legId, sdp);
        await media.connectAgent(callId, legId);
      } catch (err) {
        // A leg that failed to come up is replaced by a fresh offer (the desk answers it like the first).
        const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
        const tries = (legRetries.get(callId) ?? 0) + 1;
        legRetries.set(callId, tries);
        if (row && row.status !== 'ended' && row.agent_id === actorId && tries <= 3) {
          await journal(db, row, clock.now(), 'media_retry', 'The agent\'s audio leg failed to connect; offering a new one', actorId);
          await offerAgentLeg(row, actorId);
        }
        throw err;
      }
      const row = await db.selectFrom('calls').select(['status', 'tenant_id', 'id']).where('id', '=', callId).executeTakeFirst();
      if (row?.status === 'connected') await media.playToCaller(callId, { kind: 'agent' });
      if (row) await journal(db, row, clock.now(), 'media_connected', 'Audio connected between the caller and the agent', actorId);
    });
  }

  /** Offers queued calls of the tenant to agents who just became free, oldest first. */
  async function dispatchWaiting(tenantId: string): Promise<void> {
    const waiting = await db
      .selectFrom('calls').select('id')
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'offering'), eb('provider_accepted', '=', true)])]))
      .orderBy('offered_at').limit(20).execute();
    for (const w of waiting) {
      await db.transaction().execute(async (tx) => {
        const locked = await lockCall(tx, w.id);
        if (locked.status !== 'queued') return null;
        const settings = await loadSettings(tx, locked.tenant_id);
        const t = new CallTxn(tx, locked, { deps, settings });
        await routeIn(t);
        await finish(t);
        return t;
      }).then((t) => (t ? afterCommit(t) : undefined)).catch((err) => log.warn({ err, callId: w.id }, 'waiting call dispatch failed'));
    }
  }

  /** A supervisor listens, whispers to the agent, or barges in: a new leg offered to their desk. */
  async function startMonitor(row: CallRow, userId: string, role: 'listen' | 'whisper' | 'barge'): Promise<{ leg_id: string }> {
    const owner = await mediaOwner(row.id);
    if (owner && owner !== deps.instanceId) {
      events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: [{ type: 'media.monitor', userId, role }] } }]);
      return { leg_id: 'pending' };
    }
    return monitorHere(row, userId, role);
  }

  async function monitorHere(row: CallRow, userId: string, role: 'listen' | 'whisper' | 'barge', inQueue = false): Promise<{ leg_id: string }> {
    const media = deps.media;
    if (!media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server.');
    // Media steps of one call run in order; from inside the call's queue, run them directly.
    const queued = <T>(fn: () => Promise<T>) => (inQueue ? fn() : serial.run(row.id, fn));
    const legs = monitorLegs.get(row.id) ?? new Map();
    monitorLegs.set(row.id, legs);
    // One monitoring leg per supervisor: changing the mode replaces it.
    for (const [id, l] of legs) {
      if (l.userId === userId) {
        legs.delete(id);
        await queued(() => media.removeLeg(row.id, id)).catch(() => {});
      }
    }
    const legId = `${role}-${userId.slice(-12)}-${deps.ids.next().slice(-8)}`;
    legs.set(legId, { userId, role });
    const { sdp } = await queued(() => media.createAgentLeg(row.id, legId, role));
    events.publish([{ type: 'media.offer', tenantId: row.tenant_id, audience: { userIds: [userId] }, data: { call_id: row.id, leg_id: legId, role, sdp } }]);
    return { leg_id: legId };
  }

  async function stopMonitor(row: CallRow, userId: string): Promise<void> {
    const legs = monitorLegs.get(row.id);
    if (!legs || !deps.media) return;
    for (const [id, l] of legs) {
      if (l.userId !== userId) continue;
      legs.delete(id);
      await serial.run(row.id, () => deps.media!.removeLeg(row.id, id)).catch(() => {});
      await journal(db, row, clock.now(), 'monitor_stopped', 'Monitoring stopped', userId);
    }
  }

  /** A fresh agent leg for a call (the desk reloaded); runs on the instance that owns the call's media. */
  async function reofferAgentLeg(row: CallRow, agentId: string): Promise<void> {
    const owner = await mediaOwner(row.id);
    if (owner && owner !== deps.instanceId) {
      events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: [{ type: 'media.connect_agent', agentId }] } }]);
      return;
    }
    await serial.run(row.id, () => offerAgentLeg(row, agentId));
  }

  return {
    hooks,
    apply,
    reofferAgentLeg,
    startMonitor,
    stopMonitor,
    routeNew,
    afterCommit,
    agentAnswered,
    dispatchWaiting,
    credentials,
    summarize,
    serial,
    /** Registers the SDP answer being produced for a call (pre_accept and accept share it). */
    trackSdp(callId: string, p: Promise<string | null>) {
      sdpInFlight.set(callId, p);
      p.finally(() => {
        if (sdpInFlight.get(callId) === p) sdpInFlight.delete(callId);
      }).catch(() => {});
    },
    agentLeg: (callId: string) => agentLegs.get(callId) ?? null,
    /** Offers the agent a media leg for the call now (a business call: while it is still ringing). */
    offerAgentLeg: (row: CallRow, agentId: string) => serial.run(row.id, () => offerAgentLeg(row, agentId)),
    names: (ids: string[]) => userNames(db, ids),
  };
}

export type CallEngine = ReturnType<typeof createCallEngine>;
