import { newOutboundCall } from '../../domain/calls/index.js';
import { checkOutboundCall } from '../../domain/compliance/index.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { CallEngine } from '../calls/call-engine.js';
import { journal, stateColumns, userNames, type CallRow } from '../calls/call-row.js';
import { CALL_TIMERS } from '../calls/call-timers.js';
import { assertChannelVisible } from '../conversations/conversation-access.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import { openConversation } from '../conversations/open-conversation.js';
import type { CoreDeps } from '../deps.js';
import { supervisors, type DeskEvent, supervisorsOf } from '../events.js';
import { roomOf } from '../permissions/permission-row.js';
import type { MediaPort } from '../ports/media.js';
import type { CallProvider, ChannelCredentials, MessageSender } from '../ports/provider.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { loadOutboundFacts } from './outbound-facts.js';
import type { PendingConnects } from './pending-connects.js';
import { refusalError } from './refusal-error.js';

export interface PlaceCallInput {
  tenantId: string;
  /** The person placing the call; they are reserved for it (one call at a time). */
  agentId: string;
  channelId: string;
  contactId: string;
  /** The room the call belongs to; null: the contact's room on the channel (created when there is none). */
  conversationId: string | null;
  /** Why the agent calls, kept in the journey. */
  note?: string | null | undefined;
}

export interface PlacedCall {
  call: CallRow;
  /** The last business calls to this customer went unanswered: the agent was asked to reconsider. */
  permissionWarning: boolean;
}

/**
 * Places a business-initiated WhatsApp call. The checks run in one transaction over facts read from the
 * database and refuse with the first failing code and nothing written; otherwise the call row is created
 * in `dialing` with the agent reserved (the engine's conditional update), then after commit the bridge
 * makes our offer, the provider dials, and the agent's desk gets its media offer (ringback until answered).
 * A provider refusal ends the call `failed` (journey row) and answers with the same code.
 */
export function createOutboundCalls(deps: CoreDeps & {
  engine: CallEngine; provider: CallProvider | null; media: MediaPort | null; messages: MessageSender | null;
  conversations: ConversationsService; pending: PendingConnects;
}) {
  const { db, clock, ids, events, engine, log } = deps;

  async function place(input: PlaceCallInput): Promise<PlacedCall> {
    const { media, provider } = deps;
    if (!media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server; calls cannot be placed.');
    const creds = await engine.credentials(input.channelId);
    if (!provider || !creds) throw new AppError('PROVIDER_UNAVAILABLE', 'This channel has no provider credentials.');
    const contact = await db.selectFrom('contacts').select(['id', 'phone_e164', 'name']).where('id', '=', input.contactId).where('tenant_id', '=', input.tenantId).executeTakeFirst();
    if (!contact) throw new AppError('NOT_FOUND', 'No such contact.');
    const now = clock.now();
    const id = ids.next();

    const created = await db.transaction().execute(async (tx) => {
      const presence = await tx.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', input.agentId).forUpdate().executeTakeFirst();
      const target = { tenantId: input.tenantId, channelId: input.channelId, contactId: contact.id, destinationNumber: contact.phone_e164 };
      const facts = await loadOutboundFacts(tx, target, now);
      const verdict = checkOutboundCall({ ...facts, agentOnCall: Boolean(presence?.current_call_id) });
      if (!verdict.ok) throw await refusalError(tx, input.tenantId, verdict);
      const clearance = verdict.value;
      const conversationId = input.conversationId ?? (await roomOf(tx, { channelId: input.channelId, contactId: contact.id }))?.id
        ?? (await openConversation(deps, tx, { tenantId: input.tenantId, channelId: input.channelId, contactId: contact.id }, { at: now, touchWindow: false, inbound: false })).id;
      const row = await tx
        .insertInto('calls')
        .values({
          id, tenant_id: input.tenantId, channel_id: input.channelId, channel_type: facts.channel.type, direction: 'outbound', provider_call_id: null,
          contact_id: contact.id, conversation_id: conversationId, customer_number: contact.phone_e164, channel_number: facts.channel.businessNumber,
          offered_at: now, currency: clearance.rate.currency, created_at: now, updated_at: now, ...stateColumns(newOutboundCall(now.getTime(), input.agentId)),
          // This instance makes the offer: the call's media lives here, and other instances hand it the media work.
          media_instance: deps.instanceId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The same reservation the engine makes when an agent accepts: whoever commits first wins the agent.
      const reserved = await tx
        .updateTable('agent_presence')
        .set({ current_call_id: id, busy_since: now })
        .where('user_id', '=', input.agentId)
        .where('current_call_id', 'is', null)
        .returning('status')
        .executeTakeFirst();
      if (!reserved) throw new AppError('AGENT_BUSY', 'You are already on a call.');
      await tx.insertInto('presence_history').values({ tenant_id: input.tenantId, user_id: input.agentId, status: 'busy', pause_reason_id: null, source: 'call', changed_by: null, at: now }).execute();
      const agentName = (await userNames(tx, [input.agentId])).get(input.agentId) ?? 'An agent';
      await journal(tx, row, now, 'dialing', `${agentName} called ${contact.name ? `${contact.name} (${contact.phone_e164})` : contact.phone_e164} on WhatsApp`, input.agentId, {
        note: input.note ?? null, rate_per_minute_minor: clearance.rate.perMinuteMinor, currency: clearance.rate.currency,
        balance_cutoff_after_s: clearance.cutoffAfterSeconds,
      });
      if (clearance.warnConsecutiveUnanswered) {
        await journal(tx, row, now, 'permission_warning', 'The last business calls to this customer went unanswered: the agent was asked to reconsider', input.agentId);
      }
      const settings = await loadSettings(tx, input.tenantId);
      await deps.scheduler.schedule(tx, { kind: CALL_TIMERS.outboundRing, key: id, tenantId: input.tenantId, dueAt: new Date(now.getTime() + settings.outbound_ring_timeout_s * 1000) });
      const desk: DeskEvent[] = [
        { type: 'presence.changed', tenantId: input.tenantId, audience: { ...supervisorsOf([input.agentId]), userIds: [input.agentId] }, data: { presence: { user_id: input.agentId, effective_status: 'busy', current_call_id: id } } },
        { type: 'call.updated', tenantId: input.tenantId, audience: { ...supervisors, userIds: [input.agentId] }, data: { id, call: engine.summarize(row) } },
      ];
      return { row, desk, warn: clearance.warnConsecutiveUnanswered };
    });
    events.publish(created.desk);
    const row = created.row;
    await withdrawRingingOffers(input.agentId);

    const dialled = (async () => {
      const { sdp } = await engine.serial.run(id, () => media.offerProvider(id));
      const { providerCallId } = await provider.connect(creds, contact.phone_e164, sdp, id);
      const stored = await db.updateTable('calls').set({ provider_call_id: providerCallId }).where('id', '=', id).returning('status').executeTakeFirstOrThrow();
      return { providerCallId, status: stored.status };
    })();
    deps.pending.track(input.channelId, dialled);
    let providerCallId: string;
    try {
      const r = await dialled;
      providerCallId = r.providerCallId;
      if (r.status === 'ended') {
        // Hung up while WhatsApp was being asked to dial: stop the customer's phone ringing.
        await provider.terminate(creds, providerCallId).catch((err) => log.warn({ err, callId: id }, 'terminate after early hang-up failed'));
        return { call: { ...row, provider_call_id: providerCallId, status: 'ended' }, permissionWarning: created.warn };
      }
    } catch (err) {
      throw await refused(row, creds, contact.phone_e164, err);
    }
    await journal(db, row, clock.now(), 'provider_dialing', 'WhatsApp is calling the customer', null, { provider_call_id: providerCallId });
    const current = { ...row, provider_call_id: providerCallId };
    try {
      await engine.offerAgentLeg(current, input.agentId);
    } catch (err) {
      log.warn({ err: isAppError(err) ? err.code : err, callId: id }, 'agent leg offer failed');
      await journal(db, row, clock.now(), 'effect_failed', `The agent's audio could not be set up: ${isAppError(err) ? err.code : 'error'}`).catch(() => {});
      await engine.apply(id, { type: 'failed', reason: 'agent_media_failed' }, { extra: { failure_code: isAppError(err) ? err.code : 'MEDIA_FAILED' } }).catch(() => {});
      throw err;
    }
    const fresh = await db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { call: fresh, permissionWarning: created.warn };
  }

  /** The agent is busy now: customer calls still ringing at their desk go on to other agents (never a missed call). */
  async function withdrawRingingOffers(agentId: string): Promise<void> {
    const ringing = await db.selectFrom('call_offers').select('call_id').where('agent_id', '=', agentId).where('status', '=', 'ringing').execute();
    for (const o of ringing) {
      await engine.apply(o.call_id, { type: 'reject', agentId }, { actorId: agentId }).catch((err) => log.info({ err: isAppError(err) ? err.code : err, callId: o.call_id }, 'offer already gone'));
    }
  }

  /** The bridge or the provider refused: the call ends `failed` with a journey row; the caller gets the same code. */
  async function refused(row: CallRow, creds: ChannelCredentials, phone: string, err: unknown): Promise<Error> {
    const code = isAppError(err) ? err.code : 'INTERNAL';
    const details: Record<string, unknown> = isAppError(err) ? { ...(err.details ?? {}) } : {};
    if (code === 'CALL_LIMIT_REACHED' && typeof details.next_allowed_at !== 'string' && deps.messages) {
      const limits = await deps.messages.getCallPermissions(creds, phone).then((p) => p.callLimits).catch(() => []);
      const times = limits.map((l) => l.limitExpiresAt?.getTime() ?? 0).filter((t) => t > 0);
      details.next_allowed_at = times.length ? new Date(Math.max(...times)).toISOString() : null;
    }
    const media = code === 'MEDIA_FAILED' || code === 'INVALID_SDP';
    log.info({ callId: row.id, code, providerCode: details.provider_code ?? null }, 'business call refused');
    await journal(db, row, clock.now(), media ? 'effect_failed' : 'provider_refused',
      media ? `The call's audio could not be set up: ${code}` : `WhatsApp refused the call: ${code}`, null, { code, provider_code: details.provider_code ?? null }).catch(() => {});
    await engine.apply(row.id, { type: 'failed', reason: media ? 'media_setup_failed' : 'provider_refused' }, { extra: { failure_code: code } }).catch(() => {});
    if (isAppError(err)) return new AppError(err.code, err.message, { ...details, call_id: row.id });
    return err instanceof Error ? err : new Error(String(err));
  }

  return {
    place,

    /** Call button in a room. */
    async fromConversation(actor: Actor, conversationId: string, opts: { note?: string | undefined } = {}): Promise<PlacedCall> {
      const conv = await deps.conversations.get(actor, conversationId);
      return place({ tenantId: actor.tenantId, agentId: actor.userId, channelId: conv.channel_id, contactId: conv.contact.id, conversationId: conv.id, note: opts.note ?? null });
    },

    /** Call a contact on a channel (the call joins the contact's room there). */
    async toContact(actor: Actor, contactId: string, opts: { channel_id: string; note?: string | undefined }): Promise<PlacedCall> {
      const channel = await db.selectFrom('channels').select('id').where('id', '=', opts.channel_id).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
      if (!channel) throw new AppError('NOT_FOUND', 'No such channel.');
      await assertChannelVisible(db, actor, channel.id, 'channel');
      return place({ tenantId: actor.tenantId, agentId: actor.userId, channelId: channel.id, contactId, conversationId: null, note: opts.note ?? null });
    },
  };
}

export type OutboundCalls = ReturnType<typeof createOutboundCalls>;
