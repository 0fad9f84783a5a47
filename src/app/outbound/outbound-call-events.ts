import type { CallEvent } from '../../domain/calls/index.js';
import { isAppError } from '../../domain/errors.js';
import type { CallEngine } from '../calls/call-engine.js';
import { findCallByProviderId, journal, type CallRow } from '../calls/call-row.js';
import type { CoreDeps } from '../deps.js';
import { internalAudience } from '../events.js';
import type { MediaPort } from '../ports/media.js';
import type { ProviderEvent } from '../ports/provider-event.js';
import type { PendingConnects } from './pending-connects.js';

type ConnectEvent = Extract<ProviderEvent, { kind: 'call.connect' }>;
type StatusEvent = Extract<ProviderEvent, { kind: 'call.status' }>;

/** To the instance holding a call's media: apply the provider's answer stored on the call. */
const ANSWER_EVENT = 'internal.outbound_answer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusEvents: Record<StatusEvent['status'], CallEvent | null> = {
  ringing: { type: 'remote_ringing' },
  accepted: { type: 'remote_answered' },
  rejected: { type: 'remote_rejected' },
  other: null,
};

/**
 * What the provider tells us about a business-initiated call (the webhook slots `outboundConnect` and
 * `callStatus`): the customer's media answer is applied to our offer; RINGING, ACCEPTED and REJECTED move
 * the call. Duplicates and late events are harmless (the call moved on: nothing changes).
 */
export function createOutboundCallEvents(deps: CoreDeps & { engine: CallEngine; media: MediaPort | null; pending: PendingConnects }) {
  const { db, clock, engine, log, events } = deps;

  async function findCall(channelId: string, providerCallId: string, opaque: string | null): Promise<CallRow> {
    // Our call id travels as biz_opaque_callback_data: it finds the call even before we stored Meta's id.
    if (opaque && UUID.test(opaque)) {
      const byId = await db.selectFrom('calls').selectAll().where('id', '=', opaque).where('channel_id', '=', channelId).executeTakeFirst();
      if (byId) return byId;
    }
    const known = await findCallByProviderId(db, channelId, providerCallId);
    if (known) return known;
    await deps.pending.settle(channelId);
    const late = await findCallByProviderId(db, channelId, providerCallId);
    if (late) return late;
    // Thrown so the stored event is applied again later (the sweep), when the dialling instance stored the id.
    throw new Error(`no business call ${providerCallId} on this channel yet`);
  }

  async function onConnect(channel: { id: string }, e: ConnectEvent): Promise<void> {
    const call = await findCall(channel.id, e.providerCallId, e.opaque);
    if (call.direction !== 'outbound' || call.status === 'ended') return;
    // Kept with the call (not in a queue): the instance holding the call's media applies it.
    await db.updateTable('calls').set({ provider_sdp: e.sdp }).where('id', '=', call.id).execute();
    if (call.media_instance && call.media_instance !== deps.instanceId) {
      deps.events.publish([{ type: ANSWER_EVENT, tenantId: call.tenant_id, audience: internalAudience, data: { instance: call.media_instance, call_id: call.id } }]);
      return;
    }
    await applyAnswer(call.id);
  }

  async function applyAnswer(callId: string): Promise<void> {
    const call = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
    if (!call || call.status === 'ended' || !call.provider_sdp || !deps.media) return;
    const media = deps.media;
    const sdp = call.provider_sdp;
    try {
      await engine.serial.run(call.id, () => media.applyProviderAnswer(call.id, sdp));
      await journal(db, call, clock.now(), 'media_answer', 'WhatsApp sent the customer\'s media answer');
    } catch (err) {
      log.warn({ err: isAppError(err) ? err.code : err, callId: call.id }, 'applying the provider answer failed');
      await journal(db, call, clock.now(), 'effect_failed', `The customer's media answer could not be applied: ${isAppError(err) ? err.code : 'error'}`).catch(() => {});
      await engine.apply(call.id, { type: 'failed', reason: 'media_setup_failed' }, { extra: { failure_code: isAppError(err) ? err.code : 'MEDIA_FAILED' } }).catch(() => {});
    }
  }

  async function onStatus(channel: { id: string }, e: StatusEvent): Promise<void> {
    const event = statusEvents[e.status];
    if (!event) return;
    const call = await findCall(channel.id, e.providerCallId, e.opaque ?? null);
    if (call.direction !== 'outbound') return;
    await engine.apply(call.id, event).catch((err) => {
      if (!isAppError(err) || err.code !== 'CALL_STATE_CHANGED') throw err;
    });
  }

  events.subscribe?.((e) => {
    if (e.type === ANSWER_EVENT && e.data.instance === deps.instanceId) {
      void applyAnswer(String(e.data.call_id)).catch((err) => log.warn({ err }, 'applying a forwarded provider answer failed'));
    }
  });

  return { onConnect, onStatus };
}
