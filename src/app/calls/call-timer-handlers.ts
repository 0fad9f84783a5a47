import { isAppError } from '../../domain/errors.js';
import type { CallEvent } from '../../domain/calls/index.js';
import type { CoreDeps } from '../deps.js';
import type { MediaPort } from '../ports/media.js';
import type { PresenceService } from '../presence/presence-service.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import type { CallEngine, PromptFiles } from './call-engine.js';
import { journal } from './call-row.js';
import { CALL_TIMERS, WRAP_UP_TIMER } from './call-timers.js';

/** A timer whose call moved on meanwhile simply does nothing. */
const ignoreStale = (err: unknown) => {
  if (isAppError(err) && (err.code === 'CALL_STATE_CHANGED' || err.code === 'OFFER_TAKEN' || err.code === 'NOT_FOUND')) return;
  throw err;
};

export function registerCallTimers(
  scheduler: Scheduler,
  deps: CoreDeps & { engine: CallEngine; media: MediaPort | null; presence: PresenceService; prompts: PromptFiles },
): void {
  const { db, engine, clock } = deps;
  const fire = (kind: string, event: (payload: Record<string, unknown>) => CallEvent, callIdOf = (key: string) => key) =>
    scheduler.register(kind, async (t) => {
      await engine.apply(callIdOf(t.key), event(t.payload)).catch(ignoreStale);
    });

  scheduler.register(CALL_TIMERS.offerTimeout, async (t) => {
    const offer = await db.selectFrom('call_offers').select(['call_id', 'agent_id', 'status']).where('id', '=', t.key).executeTakeFirst();
    if (!offer || offer.status !== 'ringing') return;
    await engine.apply(offer.call_id, { type: 'offer_timeout', agentId: offer.agent_id }).catch(ignoreStale);
  });
  fire(CALL_TIMERS.acceptWindow, () => ({ type: 'accept_window_expired' }));
  fire(CALL_TIMERS.queueTimeout, () => ({ type: 'queue_timeout' }));
  fire(CALL_TIMERS.autoHangup, () => ({ type: 'system_hangup', reason: 'auto_hangup' }));
  fire(CALL_TIMERS.watchdog, () => ({ type: 'system_hangup', reason: 'media_timeout' }));
  fire(CALL_TIMERS.voicemailMax, () => ({ type: 'voicemail_done' }));
  fire(CALL_TIMERS.outboundRing, () => ({ type: 'ring_timeout' }));
  fire(CALL_TIMERS.balanceCutoff, () => ({ type: 'system_hangup', reason: 'balance_exhausted' }));

  scheduler.register(CALL_TIMERS.holdRetrieve, async (t) => {
    const row = await engine.apply(t.key, { type: 'resume' }).catch((err) => (ignoreStale(err), null));
    if (!row) return;
    await journal(db, row, clock.now(), 'auto_retrieved', 'Hold time limit reached: the call came back to the agent');
    deps.events.publish([{ type: 'call.hold_retrieved', tenantId: row.tenant_id, audience: { userIds: row.agent_id ? [row.agent_id] : [] }, data: { id: row.id, call_id: row.id } }]);
  });

  // While a caller waits in the queue the waiting prompt repeats.
  scheduler.register(CALL_TIMERS.queuePrompt, async (t) => {
    const row = await db.selectFrom('calls').select(['id', 'status', 'tenant_id', 'channel_id', 'provider_accepted']).where('id', '=', t.key).executeTakeFirst();
    if (!row || !(row.status === 'queued' || (row.status === 'offering' && row.provider_accepted))) return;
    const settings = await loadSettings(db, row.tenant_id);
    if (deps.media) await engine.serial.run(row.id, () => deps.media!.playToCaller(row.id, { kind: 'prompt', file: deps.prompts.queue_waiting })).catch(() => {});
    await scheduler.schedule(db, { kind: CALL_TIMERS.queuePrompt, key: row.id, tenantId: row.tenant_id, dueAt: new Date(clock.now().getTime() + settings.queue_waiting_prompt_interval_s * 1000) });
  });

  // Wrap-up ends by itself: back to available, unless the agent chose another status meanwhile.
  scheduler.register(WRAP_UP_TIMER, async (t) => {
    const userId = String(t.payload.user_id ?? t.key);
    const p = await db.selectFrom('agent_presence').select(['status', 'tenant_id']).where('user_id', '=', userId).executeTakeFirst();
    if (!p || p.status !== 'after_call_work') return;
    const event = await db.transaction().execute((tx) => deps.presence.applyStatus(tx, p.tenant_id, userId, { status: 'available' }, 'wrap_up_end', null));
    deps.events.publish([event]);
    deps.presence.notifyAvailable(p.tenant_id, userId);
  });
}
