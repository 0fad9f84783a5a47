import type { Selectable } from 'kysely';
import type { CallState } from '../../domain/calls/index.js';
import { AppError } from '../../domain/errors.js';
import { resolveSettings, type TenantSettings } from '../../domain/settings.js';
import type { CallsTable } from '../../store/schema/index.js';
import type { DbOrTx, Tx } from '../deps.js';

export type CallRow = Selectable<CallsTable>;

export const callState = (row: CallRow): CallState => row.state as unknown as CallState;

/** Locks the call's row: every mutation of a call runs under this lock (one writer per call). */
export async function lockCall(tx: Tx, callId: string, tenantId?: string): Promise<CallRow> {
  let q = tx.selectFrom('calls').selectAll().where('id', '=', callId);
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  const row = await q.forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such call.');
  return row;
}

/** `lockCall`, with the tenant's settings read in the same statement. */
export async function lockCallAndSettings(tx: Tx, callId: string, tenantId?: string): Promise<LockedCall> {
  const found = await lockCallWhere(tx, { callId }, tenantId);
  if (!found) throw new AppError('NOT_FOUND', 'No such call.');
  return found;
}

/** A call locked for a transaction, with what its transaction reads anyway: the tenant's settings, the room's assignee. */
export interface LockedCall {
  row: CallRow;
  settings: TenantSettings;
  roomAssigneeId: string | null;
}

/** Locks a call by id or by the provider's id on a channel; null when there is no such call. */
export async function lockCallWhere(tx: Tx, where: { callId: string } | { channelId: string; providerCallId: string }, tenantId?: string): Promise<LockedCall | null> {
  let q = tx
    .selectFrom('calls')
    .innerJoin('tenants', 'tenants.id', 'calls.tenant_id')
    .leftJoin('conversations as room', 'room.id', 'calls.conversation_id')
    .selectAll('calls')
    .select(['tenants.settings as tenant_settings', 'room.assignee_id as room_assignee_id']);
  q = 'callId' in where
    ? q.where('calls.id', '=', where.callId)
    : q.where('calls.channel_id', '=', where.channelId).where('calls.provider_call_id', '=', where.providerCallId);
  if (tenantId) q = q.where('calls.tenant_id', '=', tenantId);
  const found = await q.forUpdate('calls').executeTakeFirst();
  if (!found) return null;
  const { tenant_settings, room_assignee_id, ...row } = found;
  return { row, settings: resolveSettings(tenant_settings), roomAssigneeId: room_assignee_id };
}

export async function findCallByProviderId(db: DbOrTx, channelId: string, providerCallId: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('channel_id', '=', channelId).where('provider_call_id', '=', providerCallId).executeTakeFirst();
}

/** Columns derived from the state, written with it so reports can filter without parsing JSON. */
export function stateColumns(s: CallState) {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const talk = s.answeredAt !== null && s.endedAt !== null ? Math.max(0, Math.floor((s.endedAt - s.answeredAt) / 1000)) : null;
  const waitEnd = s.answeredAt ?? s.endedAt;
  return {
    status: s.status,
    result: s.result,
    agent_id: s.agentId,
    provider_accepted: s.providerAccepted,
    answered_at: at(s.answeredAt),
    ended_at: at(s.endedAt),
    ended_by: s.endedBy,
    end_reason: s.endReason,
    hold_started_at: at(s.heldAt),
    hold_seconds: Math.floor(s.holdMs / 1000),
    talk_seconds: talk,
    wait_seconds: waitEnd !== null ? Math.max(0, Math.floor((waitEnd - s.routedAt) / 1000)) : null,
    state: JSON.stringify(s),
  };
}

export async function journal(
  tx: DbOrTx, call: Pick<CallRow, 'id' | 'tenant_id'>, at: Date, event: string, description: string,
  agentId: string | null = null, data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insertInto('call_journey').values({ tenant_id: call.tenant_id, call_id: call.id, at, event, agent_id: agentId, description, data: JSON.stringify(data) }).execute();
}

export async function userNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
