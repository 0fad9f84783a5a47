import { answerFromProviderReply, applyReply, type PermissionAnswer } from '../../domain/permissions/index.js';
import type { ProviderEvent } from '../ports/provider-event.js';
import { contactForNumber } from '../conversations/contact-for-number.js';
import { openConversation } from '../conversations/open-conversation.js';
import type { CoreDeps } from '../deps.js';
import { supervisors, type DeskEvent } from '../events.js';
import { roomAudience } from '../conversations/conversation-access.js';
import { insertRoomMessage, permissionUpdatedEvent } from './permission-events.js';
import { lockPermission, permissionPolicy, roomOf, savePermission, type PermissionKey } from './permission-row.js';

export type PermissionReplyEvent = Extract<ProviderEvent, { kind: 'permission.reply' }>;

/** What the room shows for an answer: "Accepted" or "Declined", permanent or temporary, and who decided. */
export function replyText(answer: PermissionAnswer, source: 'user_action' | 'automatic', expiresAt: Date | null): string {
  if (answer === 'deny') return source === 'automatic' ? 'Declined: call permission revoked automatically after unanswered calls' : 'Declined';
  const kind = answer === 'permanent' ? 'Accepted (permanent)' : `Accepted (temporary${expiresAt ? `, until ${expiresAt.toISOString()}` : ''})`;
  return source === 'automatic' ? `${kind}: granted automatically after the customer's call` : kind;
}

/**
 * The customer's answer (or WhatsApp's automatic grant or revoke) from the provider, with or without the
 * request it answers (a grant from the business profile has no context): the permission changes, the
 * answer appears in the room, and an accept opens or refreshes the 24 h customer-service window.
 */
export function createPermissionReplies(deps: CoreDeps) {
  const { db, clock, events } = deps;

  return async function applyProviderReply(channel: { id: string; tenant_id: string }, e: PermissionReplyEvent): Promise<void> {
    const evs = await db.transaction().execute(async (tx) => {
      const now = clock.now();
      const contact = await contactForNumber(deps, tx, channel.tenant_id, e.from, e.contactName);
      const key: PermissionKey = { tenantId: channel.tenant_id, channelId: channel.id, contactId: contact.id };
      const answer = answerFromProviderReply({ response: e.response, isPermanent: e.permanent });
      const out: DeskEvent[] = [];
      // A person's answer is activity in the room; an automatic one is shown where the customer already is.
      let roomId = e.source === 'automatic' ? (await roomOf(tx, key))?.id ?? null : null;
      if (roomId === null) {
        const room = await openConversation(deps, tx, { tenantId: channel.tenant_id, channelId: channel.id, contactId: contact.id }, {
          at: now, touchWindow: answer !== 'deny', inbound: e.source === 'user_action', newContact: contact.created,
        });
        roomId = room.id;
        if (room.created || room.reopened) {
          out.push({
            type: room.created ? 'conversation.created' : 'conversation.reopened', tenantId: channel.tenant_id,
            audience: { ...supervisors, userIds: await roomAudience(tx, channel.id, room.assignee_id) }, data: { conversation_id: room.id, contact_id: contact.id },
          });
        }
      }
      const state = await lockPermission(tx, key, now);
      const policy = await permissionPolicy(tx, channel.tenant_id);
      const next = applyReply(state, { answer, source: e.source, requestId: e.contextId, receivedAt: now, expiresAt: e.expiresAt }, policy);
      await savePermission(tx, deps, key, next, policy, now);
      const message = await insertRoomMessage(tx, deps, channel.tenant_id, {
        conversationId: roomId, direction: 'in', type: 'call_permission_reply', body: replyText(answer, e.source, answer === 'temporary' ? (next.expiresAt ? new Date(next.expiresAt) : null) : null),
        data: { answer, source: e.source, permanent: answer === 'permanent', expires_at: answer === 'temporary' ? next.expiresAt : null, request_id: e.contextId },
        providerMessageId: e.providerMessageId, status: 'received',
      });
      if (message) out.push(message);
      out.push(await permissionUpdatedEvent(tx, key, next, policy, now));
      return out;
    });
    events.publish(evs);
  };
}
