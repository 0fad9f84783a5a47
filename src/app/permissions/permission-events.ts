import { summary, type PermissionPolicy, type PermissionState } from '../../domain/permissions/index.js';
import { roomAudience } from '../conversations/conversation-access.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { supervisors, type DeskEvent } from '../events.js';
import { roomOf, type PermissionKey } from './permission-row.js';

/** `call_permission.updated`: the room header (status, expiry, attempts, warning) changed. */
export async function permissionUpdatedEvent(
  q: DbOrTx, key: PermissionKey, state: PermissionState, policy: PermissionPolicy, now: Date,
): Promise<DeskEvent> {
  const room = await roomOf(q, key);
  return {
    type: 'call_permission.updated',
    tenantId: key.tenantId,
    audience: { ...supervisors, userIds: room ? await roomAudience(q, room.channel_id, room.assignee_id) : [] },
    data: { channel_id: key.channelId, contact_id: key.contactId, conversation_id: room?.id ?? null, permission: summary(state, now, policy) },
  };
}

export interface RoomMessage {
  conversationId: string;
  direction: 'in' | 'out' | 'system';
  type: string;
  body: string;
  data: Record<string, unknown>;
  providerMessageId?: string | null;
  senderId?: string | null;
  status?: string | null;
}

/**
 * A permission message in the room (the invite, the customer's answer, an expiry) and its desk event.
 * Null when the provider message was already stored (a redelivery).
 */
export async function insertRoomMessage(
  q: DbOrTx, deps: Pick<CoreDeps, 'clock' | 'ids'>, tenantId: string, m: RoomMessage,
): Promise<DeskEvent | null> {
  const now = deps.clock.now();
  const id = deps.ids.next();
  const row = await q
    .insertInto('messages')
    .values({
      id, tenant_id: tenantId, conversation_id: m.conversationId, direction: m.direction, type: m.type, body: m.body,
      data: JSON.stringify(m.data), provider_message_id: m.providerMessageId ?? null, status: m.status ?? null, sender_id: m.senderId ?? null,
      call_id: null, created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.column('provider_message_id').where('provider_message_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  await q.updateTable('conversations').set({ last_message_at: now, updated_at: now }).where('id', '=', m.conversationId).execute();
  const conv = await q.selectFrom('conversations').select(['channel_id', 'assignee_id']).where('id', '=', m.conversationId).executeTakeFirstOrThrow();
  return {
    type: 'message.created',
    tenantId,
    audience: { ...supervisors, userIds: await roomAudience(q, conv.channel_id, conv.assignee_id) },
    data: {
      conversation_id: m.conversationId,
      message: {
        id, conversation_id: m.conversationId, direction: m.direction, type: m.type, body: m.body, data: m.data, status: m.status ?? null,
        sender_id: m.senderId ?? null, call_id: null, created_at: now,
      },
    },
  };
}
