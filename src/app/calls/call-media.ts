import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../../domain/errors.js';
import { internalAudience } from '../events.js';
import type { CallerSource } from '../ports/media.js';
import type { CallEngineDeps, PromptFiles } from './call-engine.js';
import { journal, userNames, type CallRow } from './call-row.js';
import type { AfterCommit } from './call-txn.js';
import type { createSerialQueue } from './serial-queue.js';

/**
 * The media side of calls: our SDP per call, the agents' and supervisors' browser legs, recording,
 * prompts — and which instance owns a call's media (the others hand it their media work).
 */
export function createCallMedia(deps: CallEngineDeps, serial: ReturnType<typeof createSerialQueue>, runEffects: (callId: string, effects: AfterCommit[]) => Promise<void>) {
  const { db, clock, events, log } = deps;
  /** Our SDP answer per call while it is being produced (the accept must reuse the pre_accept SDP). */
  const sdpInFlight = new Map<string, Promise<string | null>>();
  /** Agent legs per call: the leg id waiting for the browser's answer. */
  const agentLegs = new Map<string, { legId: string; agentId: string }>();
  const legRetries = new Map<string, number>();
  /** Supervisors' legs per call (listen / whisper / barge). */
  const monitorLegs = new Map<string, Map<string, { userId: string; role: 'listen' | 'whisper' | 'barge' }>>();

  async function mediaOwner(callId: string): Promise<string | null> {
    const r = await db.selectFrom('calls').select('media_instance').where('id', '=', callId).executeTakeFirst();
    return r?.media_instance ?? null;
  }

  // Instances hand each other the media work of the calls they own.
  events.subscribe?.((e) => {
    if (e.data.instance !== deps.instanceId) return;
    if (e.type === 'internal.call_effects') {
      void runEffects(String(e.data.call_id), e.data.effects as AfterCommit[]).catch((err) => log.error({ err }, 'remote call effects failed'));
    } else if (e.type === 'internal.agent_answer') {
      const d = e.data as { call_id: string; leg_id: string; sdp: string; actor_id: string };
      void agentAnswered(d.actor_id, d.call_id, d.leg_id, d.sdp).catch((err) => log.warn({ err: isAppError(err) ? err.code : err }, 'remote agent answer failed'));
    }
  });

  /** One stereo file per call when the channel records (caller left, what the caller hears right). */
  async function startRecordingIfEnabled(row: CallRow): Promise<void> {
    const ch = await db.selectFrom('channels').select('recording_enabled').where('id', '=', row.channel_id).executeTakeFirst();
    if (!ch?.recording_enabled || !deps.media) return;
    const file = path.join(deps.dataDir, 'recordings', row.tenant_id, `${row.id}.opus`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await deps.media.startRecording(row.id, file);
    await db.updateTable('calls').set({ recording_path: file }).where('id', '=', row.id).execute();
    await journal(db, row, clock.now(), 'recording_started', 'Recording started');
  }

  async function providerSdp(callId: string): Promise<string | null> {
    const pending = sdpInFlight.get(callId);
    if (pending) return pending;
    const row = await db.selectFrom('calls').select('provider_sdp').where('id', '=', callId).executeTakeFirst();
    return row?.provider_sdp ?? null;
  }

  async function promptFile(row: CallRow, name: keyof PromptFiles): Promise<string> {
    const ch = await db.selectFrom('channels').select('prompts').where('id', '=', row.channel_id).executeTakeFirst();
    const custom = (ch?.prompts as Record<string, string | null> | undefined)?.[name];
    if (custom && deps.resolvePrompt) {
      const file = await deps.resolvePrompt(row.tenant_id, custom);
      if (file) return file;
    }
    return deps.prompts[name];
  }

  async function queueEntry(row: CallRow): Promise<CallerSource> {
    return { kind: 'prompt', file: await promptFile(row, 'queue_entry') };
  }

  async function offerAgentLeg(row: CallRow, agentId: string): Promise<void> {
    const media = deps.media!;
    const legId = `agent-${agentId.slice(-12)}-${deps.ids.next().slice(-8)}`;
    const previous = agentLegs.get(row.id);
    agentLegs.set(row.id, { legId, agentId });
    const { sdp } = await media.createAgentLeg(row.id, legId, 'agent');
    if (previous && previous.legId !== legId) await media.removeLeg(row.id, previous.legId).catch(() => {});
    events.publish([{ type: 'media.offer', tenantId: row.tenant_id, audience: { userIds: [agentId] }, data: { call_id: row.id, leg_id: legId, role: 'agent', sdp } }]);
  }

  /** The browser answered our agent-leg offer: apply it and connect the caller to the agent. */
  async function agentAnswered(actorId: string, callId: string, legId: string, sdp: string): Promise<void> {
    const owner = await mediaOwner(callId);
    if (owner && owner !== deps.instanceId) {
      const row = await db.selectFrom('calls').select('tenant_id').where('id', '=', callId).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'No such call.');
      events.publish([{ type: 'internal.agent_answer', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: callId, leg_id: legId, sdp, actor_id: actorId } }]);
      return;
    }
    const media = deps.media;
    if (!media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server.');
    const monitor = monitorLegs.get(callId)?.get(legId);
    if (monitor) {
      if (monitor.userId !== actorId) throw new AppError('CALL_STATE_CHANGED', 'This media offer is no longer current.');
      await serial.run(callId, () => media.applyAgentAnswer(callId, legId, sdp));
      const row = await db.selectFrom('calls').select(['id', 'tenant_id']).where('id', '=', callId).executeTakeFirst();
      if (row) await journal(db, row, clock.now(), `monitor_${monitor.role}`, `${(await userNames(db, [actorId])).get(actorId) ?? 'A supervisor'} started to ${monitor.role === 'listen' ? 'listen in' : monitor.role}`, actorId, { role: monitor.role });
      return;
    }
    const leg = agentLegs.get(callId);
    if (!leg || leg.legId !== legId || leg.agentId !== actorId) throw new AppError('CALL_STATE_CHANGED', 'This media offer is no longer current.');
    await serial.run(callId, async () => {
      try {
        await media.applyAgentAnswer(callId, legId, sdp);
        await media.connectAgent(callId, legId);
      } catch (err) {
        // A leg that failed to come up is replaced by a fresh offer (the desk answers it like the first).
        const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
        const tries = (legRetries.get(callId) ?? 0) + 1;
        legRetries.set(callId, tries);
        if (row && row.status !== 'ended' && row.agent_id === actorId && tries <= 3) {
          await journal(db, row, clock.now(), 'media_retry', 'The agent\'s audio leg failed to connect; offering a new one', actorId);
          await offerAgentLeg(row, actorId);
        }
        throw err;
      }
      const row = await db.selectFrom('calls').select(['status', 'tenant_id', 'id']).where('id', '=', callId).executeTakeFirst();
      if (row?.status === 'connected') await media.playToCaller(callId, { kind: 'agent' });
      if (row) await journal(db, row, clock.now(), 'media_connected', 'Audio connected between the caller and the agent', actorId);
    });
  }

  /** A supervisor listens, whispers to the agent, or barges in: a new leg offered to their desk. */
  async function startMonitor(row: CallRow, userId: string, role: 'listen' | 'whisper' | 'barge'): Promise<{ leg_id: string }> {
    const owner = await mediaOwner(row.id);
    if (owner && owner !== deps.instanceId) {
      events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: [{ type: 'media.monitor', userId, role }] } }]);
      return { leg_id: 'pending' };
    }
    return monitorHere(row, userId, role);
  }

  async function monitorHere(row: CallRow, userId: string, role: 'listen' | 'whisper' | 'barge', inQueue = false): Promise<{ leg_id: string }> {
    const media = deps.media;
    if (!media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server.');
    // Media steps of one call run in order; from inside the call's queue, run them directly.
    const queued = <T>(fn: () => Promise<T>) => (inQueue ? fn() : serial.run(row.id, fn));
    const legs = monitorLegs.get(row.id) ?? new Map();
    monitorLegs.set(row.id, legs);
    // One monitoring leg per supervisor: changing the mode replaces it.
    for (const [id, l] of legs) {
      if (l.userId === userId) {
        legs.delete(id);
        await queued(() => media.removeLeg(row.id, id)).catch(() => {});
      }
    }
    const legId = `${role}-${userId.slice(-12)}-${deps.ids.next().slice(-8)}`;
    legs.set(legId, { userId, role });
    const { sdp } = await queued(() => media.createAgentLeg(row.id, legId, role));
    events.publish([{ type: 'media.offer', tenantId: row.tenant_id, audience: { userIds: [userId] }, data: { call_id: row.id, leg_id: legId, role, sdp } }]);
    return { leg_id: legId };
  }

  async function stopMonitor(row: CallRow, userId: string): Promise<void> {
    const legs = monitorLegs.get(row.id);
    if (!legs || !deps.media) return;
    for (const [id, l] of legs) {
      if (l.userId !== userId) continue;
      legs.delete(id);
      await serial.run(row.id, () => deps.media!.removeLeg(row.id, id)).catch(() => {});
      await journal(db, row, clock.now(), 'monitor_stopped', 'Monitoring stopped', userId);
    }
  }

  /** A fresh agent leg for a call (the desk reloaded); runs on the instance that owns the call's media. */
  async function reofferAgentLeg(row: CallRow, agentId: string): Promise<void> {
    const owner = await mediaOwner(row.id);
    if (owner && owner !== deps.instanceId) {
      events.publish([{ type: 'internal.call_effects', tenantId: row.tenant_id, audience: internalAudience, data: { instance: owner, call_id: row.id, effects: [{ type: 'media.connect_agent', agentId }] } }]);
      return;
    }
    await serial.run(row.id, () => offerAgentLeg(row, agentId));
  }


  return {
    mediaOwner, startRecordingIfEnabled, providerSdp, promptFile, queueEntry, offerAgentLeg, agentAnswered,
    startMonitor, monitorHere, stopMonitor, reofferAgentLeg,
    trackSdp(callId: string, p: Promise<string | null>) {
      sdpInFlight.set(callId, p);
      p.finally(() => {
        if (sdpInFlight.get(callId) === p) sdpInFlight.delete(callId);
      }).catch(() => {});
    },
    agentLeg: (callId: string) => agentLegs.get(callId) ?? null,
    /** Forget a call's legs (it ended). */
    forget(callId: string) {
      agentLegs.delete(callId);
      legRetries.delete(callId);
      monitorLegs.delete(callId);
      sdpInFlight.delete(callId);
    },
  };
}

export type CallMedia = ReturnType<typeof createCallMedia>;
