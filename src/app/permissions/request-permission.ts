import { checkPermissionRequest } from '../../domain/compliance/index.js';
import { AppError, isAppError } from '../../domain/errors.js';
import {
  applyReply, recordRequestSent, shouldAutoRequestOnMissedCall, summary, type PermissionPolicy, type PermissionState, type PermissionSummary,
} from '../../domain/permissions/index.js';
import type { CoreDeps, Tx } from '../deps.js';
import type { DeskEvent } from '../events.js';
import { loadOutboundFacts } from '../outbound/outbound-facts.js';
import { refusalError } from '../outbound/refusal-error.js';
import type { ChannelCredentials, MessageSender } from '../ports/provider.js';
import { insertRoomMessage, permissionUpdatedEvent } from './permission-events.js';
import { lockPermission, permissionPolicy, savePermission, type PermissionKey } from './permission-row.js';

export interface PermissionRequestTarget {
  tenantId: string;
  conversationId: string;
  channelId: string;
  contactId: string;
  /** The customer's number, E.164. */
  phone: string;
}

export interface SentPermissionRequest {
  request: { id: string; sent_at: string; expires_at: string };
  permission: PermissionSummary;
}

/** Free-form request body shown to the customer above the Allow / Don't allow buttons. */
const MISSED_CALL_CAPTION = 'Sorry we missed your call. May we call you back on WhatsApp?';

/**
 * "Invite to call": checks (channel, country, lists, balance, active conversation, 1 per 24 h / 2 per
 * 7 days), reserves the request under the permission row's lock so two agents clicking at once send one,
 * sends the interactive request through the provider, then records it and shows it in the room.
 */
export function createPermissionRequests(deps: CoreDeps & { messages: MessageSender | null }) {
  const { db, clock, ids, events, log } = deps;

  async function credentials(channelId: string): Promise<ChannelCredentials> {
    const ch = await db.selectFrom('channels').select(['phone_number_id', 'access_token']).where('id', '=', channelId).executeTakeFirst();
    if (!deps.messages || !ch?.phone_number_id || !ch.access_token) throw new AppError('PROVIDER_UNAVAILABLE', 'This channel has no provider credentials.');
    return { phoneNumberId: ch.phone_number_id, accessToken: ch.access_token };
  }

  /**
   * Sends a request. `automatic` (a missed call) sends only when it is allowed and useful and answers null
   * otherwise; a person's request is refused with the first failing check's code.
   */
  async function send(
    target: PermissionRequestTarget, opts: { senderId: string | null; caption: string | null; automatic: boolean },
  ): Promise<SentPermissionRequest | null> {
    const key: PermissionKey = { tenantId: target.tenantId, channelId: target.channelId, contactId: target.contactId };
    const creds = await credentials(target.channelId);
    const now = clock.now();
    const provisional = `sending:${ids.next()}`;
    const reserved = await db.transaction().execute(async (tx) => {
      const state = await lockPermission(tx, key, now);
      const policy = await permissionPolicy(tx, target.tenantId);
      const room = await tx.selectFrom('conversations').select('window_expires_at').where('id', '=', target.conversationId).executeTakeFirstOrThrow();
      const hasActiveConversation = room.window_expires_at !== null && room.window_expires_at > now;
      if (opts.automatic && !shouldAutoRequestOnMissedCall(state, { now, enabled: true, hasActiveConversation }, policy)) return null;
      const facts = await loadOutboundFacts(tx, { ...key, destinationNumber: target.phone }, now, { permission: state });
      const verdict = checkPermissionRequest({ ...facts, hasActiveConversation });
      if (!verdict.ok) {
        if (opts.automatic) return null;
        throw await refusalError(tx, target.tenantId, verdict);
      }
      await savePermission(tx, deps, key, recordRequestSent(state, { requestId: provisional, now }, policy), policy, now);
      return { policy };
    });
    if (!reserved) return null;

    let wamid: string;
    try {
      ({ providerMessageId: wamid } = await deps.messages!.sendPermissionRequest(creds, target.phone, opts.caption ?? (opts.automatic ? MISSED_CALL_CAPTION : undefined)));
    } catch (err) {
      throw await undo(key, provisional, creds, target.phone, err);
    }

    const done = await db.transaction().execute(async (tx) => {
      const state = await lockPermission(tx, key, now);
      const policy = await permissionPolicy(tx, target.tenantId);
      const next: PermissionState = { ...state, requests: state.requests.map((r) => (r.id === provisional ? { ...r, id: wamid } : r)) };
      await savePermission(tx, deps, key, next, policy, clock.now());
      const expiresAt = new Date(now.getTime() + policy.pendingRequestTtlMs).toISOString();
      const message = await insertRoomMessage(tx, deps, target.tenantId, {
        conversationId: target.conversationId, direction: 'out', type: 'call_permission_request',
        body: opts.caption ?? (opts.automatic ? MISSED_CALL_CAPTION : 'Invite to call'),
        data: { request_id: wamid, expires_at: expiresAt, automatic: opts.automatic }, providerMessageId: wamid, senderId: opts.senderId, status: 'sent',
      });
      const evs: DeskEvent[] = [...(message ? [message] : []), await permissionUpdatedEvent(tx, key, next, policy, clock.now())];
      return { evs, result: { request: { id: wamid, sent_at: now.toISOString(), expires_at: expiresAt }, permission: summary(next, clock.now(), policy) } };
    });
    events.publish(done.evs);
    log.info({ tenantId: target.tenantId, channelId: target.channelId, contactId: target.contactId, automatic: opts.automatic }, 'call permission request sent');
    return done.result;
  }

  /** The provider refused: the reserved request is dropped; its refusal becomes ours, with what it tells us. */
  async function undo(key: PermissionKey, provisional: string, creds: ChannelCredentials, phone: string, err: unknown): Promise<Error> {
    const code = isAppError(err) ? err.code : null;
    let nextAllowedAt = isAppError(err) && typeof err.details?.next_allowed_at === 'string' ? err.details.next_allowed_at : null;
    if (code === 'PERMISSION_REQUEST_LIMIT' && nextAllowedAt === null) {
      const limits = await deps.messages!.getCallPermissions(creds, phone).then((p) => p.requestLimits).catch(() => []);
      const times = limits.map((l) => l.limitExpiresAt?.getTime() ?? 0).filter((t) => t > 0);
      nextAllowedAt = times.length ? new Date(Math.max(...times)).toISOString() : null;
    }
    const evs = await db.transaction().execute(async (tx: Tx) => {
      const state = await lockPermission(tx, key, clock.now());
      const policy: PermissionPolicy = await permissionPolicy(tx, key.tenantId);
      let next: PermissionState = { ...state, requests: state.requests.filter((r) => r.id !== provisional) };
      // WhatsApp knows of a permanent grant we missed: take it over, so the room offers Call.
      if (code === 'ALREADY_PERMANENT') next = applyReply(next, { answer: 'permanent', source: 'user_action', requestId: null, receivedAt: clock.now() }, policy);
      await savePermission(tx, deps, key, next, policy, clock.now());
      return [await permissionUpdatedEvent(tx, key, next, policy, clock.now())];
    });
    events.publish(evs);
    if (isAppError(err) && code === 'PERMISSION_REQUEST_LIMIT') return new AppError(err.code, err.message, { ...err.details, next_allowed_at: nextAllowedAt });
    return err instanceof Error ? err : new Error(String(err));
  }

  return { send };
}

export type PermissionRequests = ReturnType<typeof createPermissionRequests>;
