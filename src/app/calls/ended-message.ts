import { formatDuration } from '../../domain/calls/index.js';
import type { CoreDeps } from '../deps.js';
import { supervisors } from '../events.js';
import type { CallTxn } from './call-txn.js';

/**
 * The room's timeline entry for a call that just ended ("Call ended 00:03:12", "Missed call", ...), written with
 * the call's other pending writes.
 */
export function writeEndedMessage(deps: Pick<CoreDeps, 'ids' | 'clock'>, t: CallTxn): void {
  const row = t.call;
  if (!row.conversation_id) return;
  const duration = formatDuration(row.talk_seconds);
  const text =
    row.result === 'answered' ? `Call ended ${duration}`
    : row.result === 'voicemail' ? 'Voicemail'
    : row.result === 'user_abandon' ? 'Call cancelled by the customer'
    : row.result === 'rejected' ? 'Call declined'
    : row.result === 'missed' ? 'Missed call'
    : row.result === 'failed' ? 'Call failed'
    : 'Unanswered call';
  const id = deps.ids.next();
  const now = deps.clock.now();
  const data = { call_id: row.id, direction: row.direction, result: row.result, talk_seconds: row.talk_seconds, duration };
  t.defer(t.tx.insertInto('messages').values({
    id, tenant_id: row.tenant_id, conversation_id: row.conversation_id, direction: 'system', type: 'call', body: text,
    data: JSON.stringify(data), status: null, sender_id: null, call_id: row.id, created_at: now, updated_at: now,
  }));
  // The room's assignee and the agent who took the call see it live; others see it when they open the room
  // (telling every member of a big channel about every call would flood their desks).
  const assignee = t.roomAssigneeId ?? null;
  const userIds = [...new Set([...(assignee ? [assignee] : []), ...(row.agent_id ? [row.agent_id] : [])])];
  t.desk.push({
    type: 'message.created', tenantId: row.tenant_id,
    audience: { ...supervisors, userIds },
    data: { conversation_id: row.conversation_id, message: { id, conversation_id: row.conversation_id, direction: 'system', type: 'call', body: text, data, call_id: row.id, created_at: now } },
  });
}

