import type { CoreDeps } from '../deps.js';
import { supervisors, supervisorsOf } from '../events.js';
import type { MediaPort } from '../ports/media.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import type { CallEngine } from './call-engine.js';
import { journal } from './call-row.js';
import { CALL_TIMERS } from './call-timers.js';

/** A closed provider leg without a terminate webhook is given this long before the call is ended. */
const LEG_CLOSED_GRACE_MS = 5_000;

/**
 * The call watchdog and the bridge's other news. Silence from the caller starts a durable timer
 * (injected clock); audio coming back cancels it; when it fires the call is ended and WhatsApp
 * told. A provider leg that closed with no terminate webhook ends the call too.
 */
export function watchMedia(media: MediaPort, deps: CoreDeps & { engine: CallEngine }): void {
  const { db, clock, scheduler, log, engine } = deps;
  const call = (id: string) => db.selectFrom('calls').select(['id', 'tenant_id', 'status', 'agent_id', 'conversation_id', 'channel_id']).where('id', '=', id).executeTakeFirst();
  const guard = (what: string) => (err: unknown) => log.warn({ err, what }, 'media event handling failed');

  media.on('callerMediaStopped', ({ callId }) => {
    void (async () => {
      const row = await call(callId);
      if (!row || row.status === 'ended') return;
      const settings = await loadSettings(db, row.tenant_id);
      await scheduler.schedule(db, { kind: CALL_TIMERS.watchdog, key: callId, tenantId: row.tenant_id, dueAt: new Date(clock.now().getTime() + settings.media_watchdog_s * 1000) });
      await journal(db, row, clock.now(), 'media_stopped', 'No audio from the caller');
    })().catch(guard('callerMediaStopped'));
  });
  media.on('callerMediaResumed', ({ callId }) => {
    void (async () => {
      await scheduler.cancel(db, CALL_TIMERS.watchdog, callId);
    })().catch(guard('callerMediaResumed'));
  });
  media.on('providerLegClosed', ({ callId, reason }) => {
    void (async () => {
      const row = await call(callId);
      if (!row || row.status === 'ended') return;
      await journal(db, row, clock.now(), 'media_closed', `The WhatsApp media leg closed (${reason})`);
      await scheduler.schedule(db, { kind: CALL_TIMERS.watchdog, key: callId, tenantId: row.tenant_id, dueAt: new Date(clock.now().getTime() + LEG_CLOSED_GRACE_MS) });
    })().catch(guard('providerLegClosed'));
  });
  // The agent's browser leg died mid-call (its network dropped): offer a fresh one, a few times.
  const relegs = new Map<string, number>();
  media.on('agentLegClosed', ({ callId, legId, reason }) => {
    void (async () => {
      const current = engine.agentLeg(callId);
      if (!current || current.legId !== legId) return;
      const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
      if (!row || !['connected', 'on_hold', 'dialing', 'ringing'].includes(row.status) || row.agent_id !== current.agentId) return;
      const n = (relegs.get(callId) ?? 0) + 1;
      relegs.set(callId, n);
      if (n > 3) return;
      await journal(db, row, clock.now(), 'media_retry', `The agent's audio leg closed (${reason}); offering a new one`, current.agentId);
      await engine.reofferAgentLeg(row, current.agentId);
    })().catch(guard('agentLegClosed'));
  });
  media.on('dtmf', ({ callId, digit }) => {
    void (async () => {
      const row = await call(callId);
      if (!row) return;
      await journal(db, row, clock.now(), 'dtmf', `Caller pressed ${digit}`, null, { digit });
      deps.events.publish([{ type: 'call.dtmf', tenantId: row.tenant_id, audience: { ...supervisorsOf([row.agent_id]), userIds: row.agent_id ? [row.agent_id] : [] }, data: { id: callId, call_id: callId, digit } }]);
    })().catch(guard('dtmf'));
  });
  media.on('workerDied', ({ callIds }) => {
    for (const callId of callIds) {
      void engine.apply(callId, { type: 'failed', reason: 'media_worker_died' }, { extra: { failure_code: 'MEDIA_FAILED' } }).catch(guard('workerDied'));
    }
  });
  media.on('recordingDone', ({ callId, file, kind, durationMs }) => {
    void (async () => {
      const row = await call(callId);
      if (!row) return;
      if (kind === 'voicemail') {
        await db.updateTable('calls').set({ recording_path: file }).where('id', '=', callId).execute();
        if (row.conversation_id) {
          const now = clock.now();
          const id = deps.ids.next();
          const data = { call_id: callId, duration_ms: durationMs, audio_url: `/api/calls/${callId}/recording`, handled: false };
          await db.insertInto('messages').values({
            id, tenant_id: row.tenant_id, conversation_id: row.conversation_id, direction: 'in', type: 'voicemail', body: 'Voicemail',
            data: JSON.stringify(data), status: 'received', sender_id: null, call_id: callId, created_at: now, updated_at: now,
          }).execute();
          deps.events.publish([{ type: 'voicemail.created', tenantId: row.tenant_id, audience: supervisors, data: { call_id: callId, conversation_id: row.conversation_id, message_id: id } }]);
        }
        await engine.apply(callId, { type: 'voicemail_done' }).catch(() => {});
      }
    })().catch(guard('recordingDone'));
  });
}
