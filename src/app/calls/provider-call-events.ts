import { newInboundCall } from '../../domain/calls/index.js';
import type { CallState } from '../../domain/calls/index.js';
import { isAppError } from '../../domain/errors.js';
import { resolveSettings } from '../../domain/settings.js';
import type { CoreDeps } from '../deps.js';
import { supervisors } from '../events.js';
import type { MediaPort } from '../ports/media.js';
import type { CallProvider } from '../ports/provider.js';
import { contactForNumber } from '../conversations/contact-for-number.js';
import { openConversation } from '../conversations/open-conversation.js';
import { journal, stateColumns } from './call-row.js';
import type { CallEngine } from './call-engine.js';
import { retryTransient } from '../db-errors/retry-transient.js';
import type { AppliedReceipt } from '../webhooks/applied-receipt.js';

export interface ChannelRef {
  id: string;
  tenant_id: string;
  display_number: string;
}

export interface ConnectEvent {
  providerCallId: string;
  direction: 'inbound' | 'outbound';
  from: string | null;
  fromUserId?: string | null;
  to: string | null;
  contactName: string | null;
  sdpType: 'offer' | 'answer';
  sdp: string;
  at: Date;
}

export interface TerminateEvent {
  providerCallId: string;
  direction: 'inbound' | 'outbound' | null;
  from: string | null;
  to: string | null;
  status: 'completed' | 'failed' | 'rejected' | 'other';
  startedAt: Date | null;
  endedAt: Date | null;
  durationS: number | null;
  errors: { code: number; message: string | null }[];
  at: Date;
}

/** A user call ringing longer than this before a terminate is Meta's window closing, not the caller giving up. */
const WINDOW_FLOOR_MS = 30_000;

/**
 * What the provider tells us about calls: a user's call arriving, a business call's answer and
 * status, and the end of any call. Safe against duplicates and any order (terminate first).
 */
export function createProviderCallEvents(deps: CoreDeps & { engine: CallEngine; provider: CallProvider | null; media: MediaPort | null }) {
  const { db, clock, ids, engine, log } = deps;

  async function inboundConnect(channel: ChannelRef, e: ConnectEvent, receipt?: AppliedReceipt): Promise<void> {
    const customer = e.from ?? (e.fromUserId ? `user:${e.fromUserId}` : 'unknown');
    const now = clock.now();
    const created = await retryTransient(() => db.transaction().execute(async (tx) => {
      // The tenant's settings (for routing) with the check for this call: a redelivery, or the terminate came first.
      // The channel as it is now, too (the webhook's lookup may be a few seconds old).
      const probe = await tx
        .selectFrom('channels as ch')
        .innerJoin('tenants as t', 't.id', 'ch.tenant_id')
        .leftJoin('calls as c', (j) => j.on('c.channel_id', '=', channel.id).on('c.provider_call_id', '=', e.providerCallId))
        .select(['t.settings', 'c.id as existing', 'ch.inbound_enabled', 'ch.voice_calling_enabled', 'ch.name', 'ch.display_number'])
        .where('ch.id', '=', channel.id)
        .executeTakeFirst();
      if (!probe || probe.existing) return null;
      const refused = !probe.inbound_enabled || !probe.voice_calling_enabled;
      const contact = await contactForNumber(deps, tx, channel.tenant_id, customer, e.contactName);
      // A user's call opens or refreshes the 24 h customer-service window (reference §4).
      const conv = await openConversation(deps, tx, { tenantId: channel.tenant_id, channelId: channel.id, contactId: contact.id }, {
        at: now, touchWindow: true, inbound: true, newContact: contact.created,
      });
      const id = ids.next();
      let state: CallState = newInboundCall(now.getTime());
      if (refused) {
        state = { ...state, status: 'ended', result: 'unanswered', endedAt: now.getTime(), endedBy: 'system', endReason: 'inbound_calling_disabled' };
      }
      const row = await tx
        .insertInto('calls')
        .values({
          id, tenant_id: channel.tenant_id, channel_id: channel.id, channel_type: 'whatsapp', direction: 'inbound',
          provider_call_id: e.providerCallId, contact_id: contact.id, conversation_id: conv.id, customer_number: contact.phone_e164,
          channel_number: probe.display_number, offered_at: now, created_at: now, updated_at: now, ...stateColumns(state),
        })
        .onConflict((oc) => oc.columns(['channel_id', 'provider_call_id']).where('provider_call_id', 'is not', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      const received = { event: 'received', description: `Incoming WhatsApp call from ${contact.name ? `${contact.name} (${contact.phone_e164})` : contact.phone_e164}` };
      if (refused) {
        await journal(tx, row, now, received.event, received.description);
        await journal(tx, row, now, 'ended', 'Ended unanswered: inbound calling is off on this channel');
        return { row, txn: null };
      }
      const txn = await engine.routeNew(tx, row, {
        settings: resolveSettings(probe.settings), room: { assignee_id: conv.assignee_id, status: conv.status },
        journey: deps.media ? [received] : [received, { event: 'media_unavailable', description: 'Media is disabled on this server; the call cannot be answered' }],
        ...(receipt ? { receipt } : {}),
        offerInfo: { channel_name: probe.name, display_number: probe.display_number, contact_name: contact.name },
      });
      return { row: txn.call, txn };
    }));
    if (!created) return;
    if (receipt && created.txn?.receiptWritten) receipt.recorded = true;
    if (!created.txn) {
      const creds = await engine.credentials(channel.id);
      if (deps.provider && creds) await deps.provider.reject(creds, e.providerCallId).catch((err) => log.warn({ err }, 'reject failed'));
      return;
    }
    const row = created.txn.call;
    // The answer SDP is produced while the offers are already ringing; accept reuses it.
    const sdp = answerAndPreAccept(row.id, channel, e);
    engine.trackSdp(row.id, sdp);
    await engine.afterCommit(created.txn);
    await sdp;
  }

  async function answerAndPreAccept(callId: string, channel: ChannelRef, e: ConnectEvent): Promise<string | null> {
    // Without media the call's journey says so already (written when it was routed).
    if (!deps.media) return null;
    let sdp: string;
    try {
      ({ sdp } = await deps.media.answerProvider(callId, e.sdp));
      await db.updateTable('calls').set({ provider_sdp: sdp, media_instance: deps.instanceId }).where('id', '=', callId).execute();
    } catch (err) {
      log.warn({ err: isAppError(err) ? err.code : err, callId }, 'media answer failed');
      await journal(db, { id: callId, tenant_id: channel.tenant_id }, clock.now(), 'effect_failed', `Could not answer the call's media: ${isAppError(err) ? err.code : 'error'}`).catch(() => {});
      await engine.apply(callId, { type: 'failed', reason: 'media_setup_failed' }, { extra: { failure_code: isAppError(err) ? err.code : 'MEDIA_FAILED' } }).catch(() => {});
      return null;
    }
    // Pre-accept while agents ring (the caller then sees "Ringing"); skip when already accepted or over.
    // A refusal here usually means the caller already hung up: the terminate webhook decides the outcome.
    try {
      const status = await db.selectFrom('calls').select(['status', 'provider_accepted']).where('id', '=', callId).executeTakeFirst();
      const creds = await engine.credentials(channel.id);
      if (deps.provider && creds && status && status.status !== 'ended' && !status.provider_accepted) {
        await deps.provider.preAccept(creds, e.providerCallId, sdp);
        await journal(db, { id: callId, tenant_id: channel.tenant_id }, clock.now(), 'provider_pre_accepted', 'Pre-accepted at WhatsApp');
      }
    } catch (err) {
      log.info({ err: isAppError(err) ? err.code : err, callId }, 'pre-accept refused');
      await journal(db, { id: callId, tenant_id: channel.tenant_id }, clock.now(), 'effect_failed', `WhatsApp refused the pre-accept: ${isAppError(err) ? err.code : 'error'}`, null, {
        details: isAppError(err) ? (err.details ?? null) : null,
      }).catch(() => {});
    }
    return sdp;
  }

  async function terminate(channel: ChannelRef, e: TerminateEvent, receipt?: AppliedReceipt): Promise<void> {
    const errorCode = e.errors[0]?.code ?? null;
    const done = await engine.applyToProviderCall(channel.id, e.providerCallId, (existing) => {
      if (existing.status === 'ended') return null;
      const elapsed = clock.now().getTime() - (existing.offered_at?.getTime() ?? clock.now().getTime());
      const by = existing.direction === 'inbound' && !existing.provider_accepted && errorCode === null && elapsed >= WINDOW_FLOOR_MS ? 'provider' : 'customer';
      return { type: 'provider_terminated', failed: e.status === 'failed', errorCode, by };
    }, {
      extra: errorCode ? { failure_code: String(errorCode) } : {}, ...(receipt ? { receipt } : {}),
    }).catch((err) => {
      if (!isAppError(err) || err.code !== 'CALL_STATE_CHANGED') throw err;
      return null;
    });
    // Terminate before connect: keep an ended record so the late connect is ignored.
    if (done === 'missing') await recordEarlyTerminate(channel, e, errorCode);
  }

  async function recordEarlyTerminate(channel: ChannelRef, e: TerminateEvent, errorCode: number | null): Promise<void> {
    const now = clock.now();
    const customer = (e.direction === 'outbound' ? e.to : e.from) ?? null;
    await db.transaction().execute(async (tx) => {
      const contact = customer ? await contactForNumber(deps, tx, channel.tenant_id, customer, null) : null;
      const base = newInboundCall(now.getTime());
      const answered = e.startedAt !== null;
      const state: CallState = {
        ...base, direction: e.direction ?? 'inbound', status: 'ended',
        result: answered ? 'answered' : errorCode ? 'failed' : 'user_abandon',
        answeredAt: e.startedAt?.getTime() ?? null, endedAt: (e.endedAt ?? now).getTime(), endedBy: 'provider', endReason: 'terminated_before_connect',
      };
      const row = await tx
        .insertInto('calls')
        .values({
          id: ids.next(), tenant_id: channel.tenant_id, channel_id: channel.id, channel_type: 'whatsapp', direction: state.direction,
          provider_call_id: e.providerCallId, contact_id: contact?.id ?? null, conversation_id: null, customer_number: contact?.phone_e164 ?? customer,
          channel_number: channel.display_number, offered_at: now, created_at: now, updated_at: now, ...stateColumns(state),
          ...(errorCode ? { failure_code: String(errorCode) } : {}),
        })
        .onConflict((oc) => oc.columns(['channel_id', 'provider_call_id']).where('provider_call_id', 'is not', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) await journal(tx, row, now, 'ended', 'WhatsApp reported the end of a call we had not seen start (events arrived out of order)', null, { error_code: errorCode });
      return row;
    });
    deps.events.publish([{ type: 'call.ended', tenantId: channel.tenant_id, audience: supervisors, data: { provider_call_id: e.providerCallId } }]);
  }

  return { inboundConnect, terminate };
}

export type ProviderCallEvents = ReturnType<typeof createProviderCallEvents>;
