import type { CallEngine } from '../calls/call-engine.js';
import type { CallRow } from '../calls/call-row.js';
import type { CoreDeps, Tx } from '../deps.js';
import { supervisorsOf } from '../events.js';

/**
 * A business call reserves its agent from the moment it is dialled, but the call state machine frees an
 * agent only after an answered call. This hook frees the agent of a business call that ended unanswered,
 * rejected or failed, in the engine's transaction, then tells the desks and offers waiting calls.
 */
export function createOutboundAgentRelease(deps: Pick<CoreDeps, 'clock' | 'events' | 'log'> & { engine: CallEngine }) {
  const released = new Map<string, { agentId: string; status: string }>();

  async function onEnded(tx: Tx, call: CallRow): Promise<void> {
    if (call.direction !== 'outbound' || call.answered_at !== null || call.agent_id === null) return;
    const now = deps.clock.now();
    const p = await tx
      .updateTable('agent_presence')
      .set({ current_call_id: null, busy_since: null, last_call_ended_at: now })
      .where('user_id', '=', call.agent_id)
      .where('current_call_id', '=', call.id)
      .returning(['status'])
      .executeTakeFirst();
    if (!p) return;
    await tx.insertInto('presence_history').values({ tenant_id: call.tenant_id, user_id: call.agent_id, status: p.status, pause_reason_id: null, source: 'call_ended', changed_by: null, at: now }).execute();
    released.set(call.id, { agentId: call.agent_id, status: p.status });
  }

  async function afterEnded(call: CallRow): Promise<void> {
    const r = released.get(call.id);
    if (!r) return;
    released.delete(call.id);
    deps.events.publish([{
      type: 'presence.changed', tenantId: call.tenant_id, audience: { ...supervisorsOf([r.agentId]), userIds: [r.agentId] },
      data: { presence: { user_id: r.agentId, effective_status: r.status, current_call_id: null } },
    }]);
    await deps.engine.dispatchWaiting(call.tenant_id).catch((err) => deps.log.warn({ err }, 'dispatching waiting calls failed'));
  }

  return { onEnded, afterEnded };
}
