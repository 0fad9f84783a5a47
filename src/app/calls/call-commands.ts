import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import type { MediaPort } from '../ports/media.js';
import type { CallEngine } from './call-engine.js';
import { journal, lockCall, type CallRow } from './call-row.js';
import { supervisesCall, supervisionScope } from '../supervision/supervision-scope.js';

const DTMF = /^[0-9*#A-D]{1,32}$/;

/**
 * What a person does to a call, over the API or the desk WebSocket. Each command runs under the
 * call's row lock through the engine, so two clicks, a click and a hang-up, or a stale command
 * end with exactly one outcome and a clear code for the loser.
 */
export function createCallCommands(deps: CoreDeps & { engine: CallEngine; media: MediaPort | null }) {
  const { db, engine, clock } = deps;

  async function visible(actor: Actor, callId: string): Promise<CallRow> {
    const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such call.');
    if (actor.role === 'agent') {
      const member = await db.selectFrom('channel_members').select('user_id').where('channel_id', '=', row.channel_id).where('user_id', '=', actor.userId).executeTakeFirst();
      if (!member && row.agent_id !== actor.userId) throw new AppError('NOT_FOUND', 'No such call.');
    }
    if (actor.role === 'supervisor' && !(await supervisesCall(db, await supervisionScope(db, actor), row))) {
      throw new AppError('NOT_FOUND', 'No such call.');
    }
    return row;
  }

  function assertOnCall(actor: Actor, row: CallRow): void {
    if (row.agent_id !== actor.userId && actor.role === 'agent') throw new AppError('FORBIDDEN', 'Only the agent on the call can do this.');
  }

  return {
    async accept(actor: Actor, callId: string) {
      await visible(actor, callId);
      const offer = await db.selectFrom('call_offers').select(['status']).where('call_id', '=', callId).where('agent_id', '=', actor.userId).orderBy('offered_at', 'desc').executeTakeFirst();
      if (!offer) throw new AppError('NOT_FOUND', 'This call was not offered to you.');
      return engine.apply(callId, { type: 'accept', agentId: actor.userId }, { tenantId: actor.tenantId, actorId: actor.userId });
    },

    async reject(actor: Actor, callId: string) {
      await visible(actor, callId);
      return engine.apply(callId, { type: 'reject', agentId: actor.userId }, { tenantId: actor.tenantId, actorId: actor.userId });
    },

    /** The agent on the call hangs up; supervisors and admins may end any live call of the tenant. */
    async hangup(actor: Actor, callId: string) {
      const row = await visible(actor, callId);
      if (row.agent_id === actor.userId) {
        return engine.apply(callId, { type: 'agent_hangup', agentId: actor.userId }, { tenantId: actor.tenantId, actorId: actor.userId });
      }
      if (actor.role === 'agent') throw new AppError('FORBIDDEN', 'Only the agent on the call can hang up.');
      return engine.apply(callId, { type: 'system_hangup', reason: `ended_by_${actor.role}` }, { tenantId: actor.tenantId, actorId: actor.userId });
    },

    async hold(actor: Actor, callId: string) {
      assertOnCall(actor, await visible(actor, callId));
      return engine.apply(callId, { type: 'hold' }, { tenantId: actor.tenantId, actorId: actor.userId });
    },

    async resume(actor: Actor, callId: string) {
      assertOnCall(actor, await visible(actor, callId));
      return engine.apply(callId, { type: 'resume' }, { tenantId: actor.tenantId, actorId: actor.userId });
    },

    /** A new offer round in an agent group (or to one agent); the caller stays connected and hears music. */
    async transfer(actor: Actor, callId: string, to: { agent_group_id?: string | undefined; agent_id?: string | undefined }) {
      const row = await visible(actor, callId);
      assertOnCall(actor, row);
      const channel = await db.selectFrom('channels').select('transfer_enabled').where('id', '=', row.channel_id).executeTakeFirstOrThrow();
      if (!channel.transfer_enabled) throw new AppError('TRANSFER_DISABLED', 'Transfers are disabled on this channel.');
      let label: string;
      if (to.agent_group_id) {
        const g = await db.selectFrom('agent_groups').select(['id', 'name']).where('id', '=', to.agent_group_id).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        if (!g) throw new AppError('NOT_FOUND', 'No such agent group.');
        label = `group ${g.name}`;
      } else if (to.agent_id) {
        const u = await db.selectFrom('users').select(['id', 'name']).where('id', '=', to.agent_id).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        if (!u) throw new AppError('NOT_FOUND', 'No such agent.');
        if (u.id === row.agent_id) throw new AppError('CONFLICT', 'The call is already with this agent.');
        const p = await db.selectFrom('agent_presence').select(['status', 'current_call_id']).where('user_id', '=', u.id).executeTakeFirst();
        if (!p || p.status !== 'available' || p.current_call_id) throw new AppError('AGENT_BUSY', `${u.name} cannot take a call right now.`);
        label = u.name;
      } else {
        throw new AppError('VALIDATION_FAILED', 'Name an agent group or an agent.', { issues: [{ path: 'body.agent_group_id', message: 'agent_group_id or agent_id is required', code: 'custom' }] });
      }
      return engine.apply(callId, { type: 'transfer', reason: label }, {
        tenantId: actor.tenantId, actorId: actor.userId,
        before: async (t) => {
          // The new round offers within the target: point the call at it before routing runs.
          if (to.agent_group_id) {
            t.setColumns({ agent_group_id: to.agent_group_id });
          } else if (to.agent_id) {
            t.directAgent = to.agent_id;
          }
        },
      });
    },

    async dtmf(actor: Actor, callId: string, digits: string) {
      const row = await visible(actor, callId);
      assertOnCall(actor, row);
      if (!DTMF.test(digits)) throw new AppError('VALIDATION_FAILED', 'Digits are 0-9, *, #, A-D.', { issues: [{ path: 'body.digits', message: 'only 0-9 * # A-D, at most 32', code: 'custom' }] });
      if (row.status !== 'connected') throw new AppError('CALL_STATE_CHANGED', `The call is ${row.status}; digits go only on a connected call.`);
      if (!deps.media) throw new AppError('MEDIA_FAILED', 'Media is disabled on this server.');
      await engine.serial.run(callId, () => deps.media!.sendDtmf(callId, digits));
      await journal(db, row, clock.now(), 'dtmf_sent', `Sent digits ${digits}`, actor.userId, { digits });
      return row;
    },

    async mute(actor: Actor, callId: string, muted: boolean) {
      const row = await visible(actor, callId);
      assertOnCall(actor, row);
      const leg = engine.agentLeg(callId);
      if (!leg || !deps.media) throw new AppError('CALL_STATE_CHANGED', 'There is no audio leg to mute.');
      await deps.media.setMuted(callId, leg.legId, muted);
      await journal(db, row, clock.now(), muted ? 'muted' : 'unmuted', muted ? 'Agent muted' : 'Agent unmuted', actor.userId);
      return row;
    },

    /** The desk reloaded mid-call: offer the agent a fresh audio leg for the call they are on. */
    async reconnectAudio(actor: Actor, callId: string) {
      const row = await visible(actor, callId);
      if (row.agent_id !== actor.userId) throw new AppError('FORBIDDEN', 'Only the agent on the call can take its audio.');
      if (!['connected', 'on_hold', 'dialing', 'ringing'].includes(row.status)) throw new AppError('CALL_STATE_CHANGED', `The call is ${row.status}.`);
      await engine.reofferAgentLeg(row, actor.userId);
      return row;
    },

    /** Supervisors and admins listen to a live call, whisper to the agent, or barge in (SPEC §6). */
    async monitor(actor: Actor, callId: string, mode: 'listen' | 'whisper' | 'barge' | 'stop') {
      if (actor.role === 'agent') throw new AppError('FORBIDDEN', 'Only supervisors and admins monitor calls.');
      const row = await visible(actor, callId);
      if (mode === 'stop') {
        await engine.stopMonitor(row, actor.userId);
        return { call_id: callId, mode, leg_id: null };
      }
      if (row.status !== 'connected' && row.status !== 'on_hold') throw new AppError('CALL_STATE_CHANGED', `The call is ${row.status}; only a connected call can be monitored.`);
      const { leg_id } = await engine.startMonitor(row, actor.userId, mode);
      return { call_id: callId, mode, leg_id };
    },

    visible,
    /** Read-modify under lock, for tests of races. */
    lock: (callId: string) => db.transaction().execute((tx) => lockCall(tx, callId)),
  };
}

export type CallCommands = ReturnType<typeof createCallCommands>;
