import type { CoreDeps, DbOrTx } from '../deps.js';

export const SERVICE_WINDOW_MS = 24 * 3_600_000;

export interface ConversationRow {
  id: string;
  assignee_id: string | null;
  status: 'open' | 'resolved';
  created: boolean;
  reopened: boolean;
}

/**
 * The contact's open room on the channel: the open one, else the last resolved one reopened (it
 * keeps its history and assignee), else a new one. `touchWindow` opens or refreshes the 24 h
 * customer-service window (a customer message, a customer call, an accepted permission request).
 */
export async function openConversation(
  deps: Pick<CoreDeps, 'clock' | 'ids'>, tx: DbOrTx,
  key: { tenantId: string; channelId: string; contactId: string },
  opts: { at: Date; touchWindow: boolean; inbound: boolean; newContact?: boolean },
): Promise<ConversationRow> {
  const now = deps.clock.now();
  const windowPatch = opts.touchWindow ? { window_expires_at: new Date(opts.at.getTime() + SERVICE_WINDOW_MS) } : {};
  const activity = { last_message_at: opts.at, ...(opts.inbound ? { last_inbound_at: opts.at } : {}) };
  // The open room if there is one, else the latest (reopened below). A contact created just now has none.
  const found = opts.newContact ? undefined : await tx
    .selectFrom('conversations').select(['id', 'assignee_id', 'window_expires_at', 'status'])
    .where('channel_id', '=', key.channelId).where('contact_id', '=', key.contactId)
    .orderBy((eb) => eb('status', '=', 'open'), 'desc').orderBy('id', 'desc').limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (found?.status === 'open') {
    await tx.updateTable('conversations').set({ ...activity, ...laterWindow(found.window_expires_at, windowPatch), updated_at: now }).where('id', '=', found.id).execute();
    return { id: found.id, assignee_id: found.assignee_id, status: 'open', created: false, reopened: false };
  }
  if (found) {
    await tx
      .updateTable('conversations')
      .set({ status: 'open', resolved_at: null, ...activity, ...laterWindow(found.window_expires_at, windowPatch), updated_at: now })
      .where('id', '=', found.id)
      .execute();
    return { id: found.id, assignee_id: found.assignee_id, status: 'open', created: false, reopened: true };
  }
  const id = deps.ids.next();
  await tx
    .insertInto('conversations')
    .values({
      id, tenant_id: key.tenantId, channel_id: key.channelId, contact_id: key.contactId, status: 'open', assignee_id: null,
      window_expires_at: windowPatch.window_expires_at ?? null, ...activity, created_at: now, updated_at: now,
    })
    .execute();
  return { id, assignee_id: null, status: 'open', created: true, reopened: false };
}

function laterWindow(current: Date | null, patch: { window_expires_at?: Date }): { window_expires_at?: Date } {
  if (!patch.window_expires_at) return {};
  return current && current > patch.window_expires_at ? {} : patch;
}
