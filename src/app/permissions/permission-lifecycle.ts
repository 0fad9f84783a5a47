import { expirePending, onRoomResolved } from '../../domain/permissions/index.js';
import type { CoreDeps } from '../deps.js';
import type { DeskEvent } from '../events.js';
import { insertRoomMessage, permissionUpdatedEvent } from './permission-events.js';
import { lockPermission, permissionPolicy, readPermission, roomOf, savePermission, type PermissionKey } from './permission-row.js';

const renamed = (r: ReturnType<typeof onRoomResolved>) => ({ state: r.state, expiredRequestIds: r.closedRequestIds });

/** Pending requests closing without a reply: after the TTL (durable timer) or when the room is resolved. */
export function createPermissionLifecycle(deps: CoreDeps) {
  const { db, clock, events } = deps;

  async function close(key: PermissionKey, how: 'expired' | 'room_resolved', roomId: string | null): Promise<string[]> {
    if ((await readPermission(db, key)) === null) return [];
    const out = await db.transaction().execute(async (tx) => {
      const now = clock.now();
      const state = await lockPermission(tx, key, now);
      const policy = await permissionPolicy(tx, key.tenantId);
      const r = how === 'expired' ? expirePending(state, now, policy) : renamed(onRoomResolved(state, now));
      // Saving also moves the expiry timer to the next pending request, if any.
      await savePermission(tx, deps, key, r.state, policy, now);
      if (r.expiredRequestIds.length === 0) return { evs: [] as DeskEvent[], closed: [] as string[] };
      const room = roomId ?? (await roomOf(tx, key))?.id ?? null;
      const evs: DeskEvent[] = [];
      if (room) {
        const m = await insertRoomMessage(tx, deps, key.tenantId, {
          conversationId: room, direction: 'system', type: 'call_permission_request_closed',
          body: how === 'expired' ? 'The call permission request expired without a reply' : 'The call permission request was closed: the room was resolved without a reply',
          data: { request_ids: r.expiredRequestIds, reason: how },
        });
        if (m) evs.push(m);
      }
      evs.push(await permissionUpdatedEvent(tx, key, r.state, policy, now));
      return { evs, closed: r.expiredRequestIds };
    });
    events.publish(out.evs);
    return out.closed;
  }

  return {
    /** The `permission.request_expiry` timer fired. */
    expireDue: (key: PermissionKey) => close(key, 'expired', null),
    /** `conversations.onResolved`: requests still waiting for a reply close (a later reply still counts). */
    onRoomResolved: (tenantId: string, room: { id: string; channel_id: string; contact: { id: string } }) =>
      close({ tenantId, channelId: room.channel_id, contactId: room.contact.id }, 'room_resolved', room.id),
  };
}
