import { onBusinessCallUnanswered, onCallConnected } from '../../domain/permissions/index.js';
import { journal, type CallRow } from '../calls/call-row.js';
import type { CoreDeps, Tx } from '../deps.js';
import { supervisors } from '../events.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { permissionUpdatedEvent } from './permission-events.js';
import { lockPermission, permissionPolicy, readPermission, savePermission, type PermissionKey } from './permission-row.js';
import type { PermissionRequests } from './request-permission.js';

const SERVICE_WINDOW_MS = 24 * 3_600_000;

const keyOf = (call: CallRow): PermissionKey | null =>
  call.channel_type === 'whatsapp' && call.contact_id ? { tenantId: call.tenant_id, channelId: call.channel_id, contactId: call.contact_id } : null;

/** A business call the customer did not pick up or declined (an agent cancelling it does not count). */
export const countsAsUnanswered = (call: Pick<CallRow, 'direction' | 'result' | 'end_reason'>): boolean =>
  call.direction === 'outbound' && (call.result === 'rejected' || (call.result === 'unanswered' && (call.end_reason === 'ring_timeout' || call.end_reason === 'not_answered')));

/**
 * What calls do to call permissions, attached to the call engine's hooks: a connected call (either
 * direction) resets the request limits and closes pending requests; unanswered business calls warn at 2
 * in a row and revoke at 4; a missed customer call may send a request (tenant setting).
 */
export function createPermissionCallHooks(deps: CoreDeps & { requests: PermissionRequests }) {
  const { db, clock, events, log } = deps;

  async function onConnected(tx: Tx, call: CallRow): Promise<void> {
    const key = keyOf(call);
    if (!key || call.answered_at === null) return;
    const state = await lockPermission(tx, key, clock.now());
    // The engine calls this on every save of a connected call: apply each connection once.
    if (state.countersResetAt !== null && Date.parse(state.countersResetAt) >= call.answered_at.getTime()) return;
    const policy = await permissionPolicy(tx, key.tenantId);
    const direction = call.direction === 'outbound' ? 'business_initiated' : 'user_initiated';
    await savePermission(tx, deps, key, onCallConnected(state, { direction, now: call.answered_at }, policy), policy, clock.now());
    // A customer accepting our call opens or refreshes the 24 h customer-service window.
    if (call.direction === 'outbound' && call.conversation_id) {
      const until = new Date(call.answered_at.getTime() + SERVICE_WINDOW_MS);
      await tx
        .updateTable('conversations').set({ window_expires_at: until })
        .where('id', '=', call.conversation_id)
        .where((eb) => eb.or([eb('window_expires_at', 'is', null), eb('window_expires_at', '<', until)]))
        .execute();
    }
  }

  async function onEnded(tx: Tx, call: CallRow): Promise<void> {
    const key = keyOf(call);
    if (!key || !countsAsUnanswered(call)) return;
    const now = clock.now();
    const state = await lockPermission(tx, key, now);
    const policy = await permissionPolicy(tx, key.tenantId);
    const outcome = onBusinessCallUnanswered(state, { now }, policy);
    await savePermission(tx, deps, key, outcome.state, policy, now);
    const n = outcome.state.consecutiveUnanswered;
    if (outcome.warn) {
      await journal(tx, call, now, 'permission_warning', `${n} business calls in a row went unanswered or were declined: reconsider calling this customer`, null, { consecutive_unanswered: n });
    }
    if (outcome.revokedLocally) {
      await journal(tx, call, now, 'permission_revoked', `Call permission revoked after ${n} unanswered or declined business calls in a row`, null, { consecutive_unanswered: n });
    }
  }

  async function afterEnded(call: CallRow): Promise<void> {
    const key = keyOf(call);
    if (!key) return;
    if (countsAsUnanswered(call)) {
      const state = await readPermission(db, key);
      if (!state) return;
      const policy = await permissionPolicy(db, key.tenantId);
      const evs = [await permissionUpdatedEvent(db, key, state, policy, clock.now())];
      if (state.consecutiveUnanswered >= policy.warnAfterUnanswered) {
        evs.push({
          type: 'call_permission.warning', tenantId: key.tenantId, audience: { ...supervisors, userIds: call.agent_id ? [call.agent_id] : [] },
          data: {
            call_id: call.id, contact_id: key.contactId, conversation_id: call.conversation_id, consecutive_unanswered: state.consecutiveUnanswered,
            revoked: state.status === 'revoked',
          },
        });
      }
      events.publish(evs);
      return;
    }
    if (call.direction !== 'inbound' || (call.result !== 'missed' && call.result !== 'unanswered') || !call.conversation_id || !call.customer_number) return;
    if (!(await loadSettings(db, key.tenantId)).missed_call_sends_permission_request) return;
    await deps.requests
      .send({ ...key, conversationId: call.conversation_id, phone: call.customer_number }, { senderId: null, caption: null, automatic: true })
      .catch((err) => log.warn({ err, callId: call.id }, 'automatic call permission request after a missed call failed'));
  }

  return { onConnected, onEnded, afterEnded };
}
