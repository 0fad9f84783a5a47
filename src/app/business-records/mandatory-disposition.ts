import { WRAP_UP_TIMER } from '../calls/call-timers.js';
import type { CallRow } from '../calls/call-row.js';
import type { CoreDeps, Tx } from '../deps.js';
import { supervisors, type DeskEvent } from '../events.js';
import type { PresenceService } from '../presence/presence-service.js';

export const DISPOSITION_REASON_KEY = 'disposition';

export type PresencePort = Pick<PresenceService, 'applyStatus' | 'notifyAvailable'>;

/** The tenant's system pause reason "Disposition", created when a tenant lacks it. Null if its name is taken by an ordinary reason. */
async function dispositionReason(tx: Tx, deps: Pick<CoreDeps, 'clock' | 'ids'>, tenantId: string, create: boolean): Promise<string | null> {
  const find = () => tx.selectFrom('pause_reasons').select('id').where('tenant_id', '=', tenantId).where('system_key', '=', DISPOSITION_REASON_KEY).executeTakeFirst();
  const found = await find();
  if (found || !create) return found?.id ?? null;
  await tx
    .insertInto('pause_reasons')
    .values({ id: deps.ids.next(), tenant_id: tenantId, name: 'Disposition', system_key: DISPOSITION_REASON_KEY, created_at: deps.clock.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await find())?.id ?? null;
}

/**
 * A channel may make a disposition mandatory (SPEC §7): when its call ends with an agent who has
 * not disposed it yet, the agent is paused with the system reason "Disposition" while they do,
 * and returned to `available` once every such call of theirs has one. A status the agent or a
 * supervisor chose meanwhile is never overridden: the pause replaces only `available` and the
 * wrap-up this very call started, and the return happens only while the pause is still the
 * system's.
 */
export function createMandatoryDisposition(deps: Pick<CoreDeps, 'clock' | 'ids' | 'events' | 'scheduler' | 'log'>, presence: () => PresencePort | null) {
  /** Events decided in a call's ending transaction, published once it committed. */
  const pending = new Map<string, DeskEvent[]>();

  return {
    /** Engine hook `onEnded`: runs inside the transaction that ends the call (agent already released). */
    async onEnded(tx: Tx, call: CallRow): Promise<void> {
      if (!call.agent_id) return;
      const ch = await tx.selectFrom('channels').select('disposition_mandatory').where('id', '=', call.channel_id).executeTakeFirst();
      if (!ch?.disposition_mandatory) return;
      const rec = await tx
        .insertInto('business_records')
        .values({ call_id: call.id, tenant_id: call.tenant_id, disposition_required: true, created_at: deps.clock.now() })
        .onConflict((oc) => oc.column('call_id').doUpdateSet({ disposition_required: true }))
        .returning('disposition_id')
        .executeTakeFirstOrThrow();
      if (rec.disposition_id) return;
      const agentId = call.agent_id;
      const out: DeskEvent[] = [];
      const p = await tx.selectFrom('agent_presence').select(['status', 'pause_reason_id']).where('user_id', '=', agentId).forUpdate().executeTakeFirst();
      const wrapUpOfThisCall = p?.status === 'after_call_work' && (call.wrap_up_seconds ?? 0) > 0;
      const port = presence();
      let paused = false;
      if (port && p && (p.status === 'available' || wrapUpOfThisCall)) {
        const reasonId = await dispositionReason(tx, deps, call.tenant_id, true);
        if (reasonId) {
          out.push(await port.applyStatus(tx, call.tenant_id, agentId, { status: 'paused', pause_reason_id: reasonId }, 'disposition', null));
          if (wrapUpOfThisCall) await deps.scheduler.cancel(tx, WRAP_UP_TIMER, agentId);
          paused = true;
        } else {
          deps.log.warn({ tenantId: call.tenant_id, callId: call.id }, 'no "Disposition" pause reason: agent not paused');
        }
      } else if (p?.status === 'paused' && p.pause_reason_id && p.pause_reason_id === (await dispositionReason(tx, deps, call.tenant_id, false))) {
        paused = true;
      }
      out.unshift({
        type: 'business_record.required', tenantId: call.tenant_id, audience: { ...supervisors, userIds: [agentId] },
        data: { call_id: call.id, channel_id: call.channel_id, agent_id: agentId, paused },
      });
      pending.set(call.id, out);
    },

    /** Engine hook `afterEnded`: publishes what `onEnded` decided. */
    async afterEnded(call: CallRow): Promise<void> {
      const out = pending.get(call.id);
      if (!out) return;
      pending.delete(call.id);
      deps.events.publish(out);
    },

    /**
     * After a disposition was saved (in the same transaction): when none of the agent's calls
     * still waits for one and the agent is still in the system's "Disposition" pause, they are
     * available again. Returns the presence event to publish after commit, or null.
     */
    async resume(tx: Tx, tenantId: string, agentId: string, changedBy: string): Promise<DeskEvent | null> {
      const port = presence();
      if (!port) return null;
      const reasonId = await dispositionReason(tx, deps, tenantId, false);
      if (!reasonId) return null;
      const p = await tx.selectFrom('agent_presence').select(['status', 'pause_reason_id']).where('user_id', '=', agentId).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
      if (!p || p.status !== 'paused' || p.pause_reason_id !== reasonId) return null;
      const waiting = await tx
        .selectFrom('business_records as r')
        .innerJoin('calls as c', 'c.id', 'r.call_id')
        .select('r.call_id')
        .where('r.tenant_id', '=', tenantId)
        .where('c.agent_id', '=', agentId)
        .where('r.disposition_required', '=', true)
        .where('r.disposition_id', 'is', null)
        .executeTakeFirst();
      if (waiting) return null;
      return port.applyStatus(tx, tenantId, agentId, { status: 'available' }, 'disposition_done', changedBy);
    },
  };
}

export type MandatoryDisposition = ReturnType<typeof createMandatoryDisposition>;
