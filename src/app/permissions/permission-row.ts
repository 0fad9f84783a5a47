import {
  initialPermissionState, nextPendingExpiryAt, permissionPolicyFromSettings, permissionStateSchema, type PermissionPolicy, type PermissionState,
} from '../../domain/permissions/index.js';
import { json } from '../../store/schema/index.js';
import type { CoreDeps, DbOrTx, Tx } from '../deps.js';
import { loadSettings } from '../tenants/tenant-settings.js';

/** One customer on one channel: the unit a call permission belongs to. */
export interface PermissionKey {
  tenantId: string;
  channelId: string;
  contactId: string;
}

/** Durable timer that closes a pending request after the TTL; one per customer and channel, moved on each save. */
export const PERMISSION_EXPIRY_TIMER = 'permission.request_expiry';

export const permissionTimerKey = (key: Pick<PermissionKey, 'channelId' | 'contactId'>): string => `${key.channelId}:${key.contactId}`;

export async function permissionPolicy(q: DbOrTx, tenantId: string): Promise<PermissionPolicy> {
  return permissionPolicyFromSettings(await loadSettings(q, tenantId));
}

/** The stored state, or null when the customer was never asked and never answered. */
export async function readPermission(q: DbOrTx, key: PermissionKey): Promise<PermissionState | null> {
  const row = await q.selectFrom('call_permissions').select('state').where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId).executeTakeFirst();
  return row ? permissionStateSchema.parse(row.state) : null;
}

/**
 * Locks the customer's permission row for the rest of the transaction (creating it the first time), so
 * replies, requests, calls and timers of one customer apply one after the other.
 */
export async function lockPermission(tx: Tx, key: PermissionKey, now: Date): Promise<PermissionState> {
  await tx
    .insertInto('call_permissions')
    .values({ tenant_id: key.tenantId, channel_id: key.channelId, contact_id: key.contactId, state: json(initialPermissionState()), updated_at: now })
    .onConflict((oc) => oc.columns(['channel_id', 'contact_id']).doNothing())
    .execute();
  const row = await tx
    .selectFrom('call_permissions').select('state')
    .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return permissionStateSchema.parse(row.state);
}

/** Writes the state and moves the pending-request expiry timer to the next pending request (or removes it). */
export async function savePermission(
  tx: Tx, deps: Pick<CoreDeps, 'scheduler'>, key: PermissionKey, state: PermissionState, policy: PermissionPolicy, now: Date,
): Promise<void> {
  await tx
    .updateTable('call_permissions')
    .set({ state: json(state), updated_at: now })
    .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
    .execute();
  const due = nextPendingExpiryAt(state, policy);
  const timerKey = permissionTimerKey(key);
  if (due === null) await deps.scheduler.cancel(tx, PERMISSION_EXPIRY_TIMER, timerKey);
  else {
    await deps.scheduler.schedule(tx, {
      kind: PERMISSION_EXPIRY_TIMER, key: timerKey, tenantId: key.tenantId, dueAt: due, payload: { channel_id: key.channelId, contact_id: key.contactId },
    });
  }
}

/** The room a permission shows in: the customer's open room on the channel, else their latest one. */
export async function roomOf(q: DbOrTx, key: Pick<PermissionKey, 'channelId' | 'contactId'>): Promise<{ id: string; channel_id: string; assignee_id: string | null } | null> {
  const row = await q
    .selectFrom('conversations').select(['id', 'channel_id', 'assignee_id'])
    .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
    .orderBy((eb) => eb.case().when('status', '=', 'open').then(0).else(1).end())
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
