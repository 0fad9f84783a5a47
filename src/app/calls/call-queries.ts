import fs from 'node:fs/promises';
import { formatDuration } from '../../domain/calls/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { toPage, type Page } from '../pagination.js';
import { visibleChannelIds } from '../conversations/conversation-access.js';
import { supervisedCalls, supervisesCall, supervisionScope } from '../supervision/supervision-scope.js';

export interface CallListQuery {
  limit: number;
  cursor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  channel_id?: string | undefined;
  agent_id?: string | undefined;
  agent_group_id?: string | undefined;
  result?: string | undefined;
  direction?: 'inbound' | 'outbound' | undefined;
  channel_type?: 'whatsapp' | 'voice' | undefined;
  status?: string | undefined;
  contact_id?: string | undefined;
  conversation_id?: string | undefined;
  live?: boolean | undefined;
}

const columns = [
  'c.id', 'c.tenant_id', 'c.channel_id', 'c.channel_type', 'c.direction', 'c.provider_call_id', 'c.contact_id', 'c.conversation_id',
  'c.customer_number', 'c.channel_number', 'c.status', 'c.result', 'c.ended_by', 'c.end_reason', 'c.agent_id', 'c.agent_group_id',
  'c.ring_group_id', 'c.tier', 'c.offered_at', 'c.answered_at', 'c.ended_at', 'c.hold_seconds', 'c.talk_seconds', 'c.wait_seconds',
  'c.wrap_up_seconds', 'c.cost_minor', 'c.currency', 'c.recording_path', 'c.failure_code', 'c.created_at', 'c.hold_started_at',
] as const;

/** Call records as the API shows them: every field of SPEC §7, durations also as HH:mm:ss. */
export function createCallQueries(deps: Pick<CoreDeps, 'db' | 'clock'>) {
  const { db } = deps;

  const base = () =>
    db
      .selectFrom('calls as c')
      .leftJoin('users as a', 'a.id', 'c.agent_id')
      .leftJoin('agent_groups as g', 'g.id', 'c.agent_group_id')
      .leftJoin('contacts as k', 'k.id', 'c.contact_id')
      .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
      .select([...columns, 'a.name as agent_name', 'g.name as agent_group_name', 'k.name as contact_name', 'ch.name as channel_name']);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
  const view = (r: Row) => {
    const { recording_path, ...rest } = r;
    const live = r.status !== 'ended' && r.answered_at ? Math.floor((deps.clock.now().getTime() - r.answered_at.getTime()) / 1000) : null;
    return {
      ...rest,
      agent_name: r.agent_name ?? (r.agent_id ? null : 'N/A'),
      has_recording: Boolean(recording_path),
      recording_url: recording_path ? `/api/calls/${r.id}/recording` : null,
      talk_duration: formatDuration(r.talk_seconds ?? live),
      wait_duration: formatDuration(r.wait_seconds),
      hold_duration: formatDuration(r.hold_seconds),
    };
  };

  return {
    /** The list's select and its row view, for searches and exports that add their own conditions. */
    recordQuery: base,
    recordView: view,

    async list(actor: Actor, q: CallListQuery): Promise<Page<ReturnType<typeof view>>> {
      let query = base().where('c.tenant_id', '=', actor.tenantId);
      const visible = await visibleChannelIds(db, actor);
      if (visible !== 'all') {
        query = query.where((eb) => eb.or([eb('c.channel_id', 'in', visible.length ? visible : ['00000000-0000-0000-0000-000000000000']), eb('c.agent_id', '=', actor.userId)]));
      }
      const supervised = supervisedCalls(await supervisionScope(db, actor));
      if (supervised) query = query.where(supervised);
      if (q.from) query = query.where('c.created_at', '>=', q.from);
      if (q.to) query = query.where('c.created_at', '<', q.to);
      if (q.channel_id) query = query.where('c.channel_id', '=', q.channel_id);
      if (q.agent_id) query = query.where('c.agent_id', '=', q.agent_id);
      if (q.agent_group_id) query = query.where('c.agent_group_id', '=', q.agent_group_id);
      if (q.result) query = query.where('c.result', '=', q.result as never);
      if (q.direction) query = query.where('c.direction', '=', q.direction);
      if (q.channel_type) query = query.where('c.channel_type', '=', q.channel_type);
      if (q.status) query = query.where('c.status', '=', q.status as never);
      if (q.live) query = query.where('c.status', '<>', 'ended');
      if (q.contact_id) query = query.where('c.contact_id', '=', q.contact_id);
      if (q.conversation_id) query = query.where('c.conversation_id', '=', q.conversation_id);
      if (q.cursor) {
        // Newest first by creation time; the cursor is the last id seen, ties broken by id.
        const at = await db.selectFrom('calls').select('created_at').where('id', '=', q.cursor).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        if (at) {
          query = query.where((eb) => eb.or([eb('c.created_at', '<', at.created_at), eb.and([eb('c.created_at', '=', at.created_at), eb('c.id', '<', q.cursor!)])]));
        }
      }
      const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
      return toPage(rows.map(view), q.limit);
    },

    async get(actor: Actor, id: string) {
      const row = await base().where('c.tenant_id', '=', actor.tenantId).where('c.id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'No such call.');
      const visible = await visibleChannelIds(db, actor);
      if (visible !== 'all' && !visible.includes(row.channel_id) && row.agent_id !== actor.userId) throw new AppError('NOT_FOUND', 'No such call.');
      if (!(await supervisesCall(db, await supervisionScope(db, actor), row))) throw new AppError('NOT_FOUND', 'No such call.');
      const journey = await db
        .selectFrom('call_journey as j')
        .leftJoin('users as u', 'u.id', 'j.agent_id')
        .select(['j.id', 'j.at', 'j.event', 'j.agent_id', 'u.name as agent_name', 'j.description', 'j.data'])
        .where('j.call_id', '=', id)
        .orderBy('j.id')
        .execute();
      const offers = await db
        .selectFrom('call_offers as o')
        .innerJoin('users as u', 'u.id', 'o.agent_id')
        .select(['o.id', 'o.agent_id', 'u.name as agent_name', 'o.round', 'o.status', 'o.offered_at', 'o.deadline_at', 'o.responded_at'])
        .where('o.call_id', '=', id)
        .orderBy('o.offered_at')
        .execute();
      return { ...view(row), journey, offers };
    },

    async recordingPath(actor: Actor, id: string): Promise<string> {
      const call = await this.get(actor, id);
      const row = await db.selectFrom('calls').select('recording_path').where('id', '=', call.id).executeTakeFirst();
      if (!row?.recording_path) throw new AppError('NOT_FOUND', 'This call has no recording.');
      return row.recording_path;
    },

    /** Deletes an ended call with its journey and offers (cascade) and its recording file. */
    async remove(actor: Actor, id: string): Promise<void> {
      const row = await db.selectFrom('calls').select(['id', 'status', 'recording_path']).where('id', '=', id).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'No such call.');
      if (row.status !== 'ended') throw new AppError('CALL_STATE_CHANGED', 'A live call cannot be deleted.');
      await db.deleteFrom('calls').where('id', '=', id).execute();
      if (row.recording_path) await fs.rm(row.recording_path, { force: true });
    },

    /** Counts for the wallboard: today in the tenant's time, live calls. */
    async liveCounts(actor: Actor, since: Date) {
      const r = await db
        .selectFrom('calls')
        .select((eb) => [
          eb.fn.countAll<number>().filterWhere('status', 'in', ['routing', 'offering', 'queued']).as('waiting'),
          eb.fn.countAll<number>().filterWhere('status', 'in', ['connected', 'on_hold', 'dialing', 'ringing']).as('in_progress'),
          eb.fn.countAll<number>().filterWhere('result', '=', 'answered').filterWhere('created_at', '>=', since).as('answered_today'),
          eb.fn.countAll<number>().filterWhere('result', 'in', ['unanswered', 'missed', 'rejected', 'failed']).filterWhere('created_at', '>=', since).as('unanswered_today'),
          eb.fn.countAll<number>().filterWhere('result', '=', 'user_abandon').filterWhere('created_at', '>=', since).as('abandoned_today'),
        ])
        .where('tenant_id', '=', actor.tenantId)
        .executeTakeFirstOrThrow();
      return { waiting: Number(r.waiting), in_progress: Number(r.in_progress), answered_today: Number(r.answered_today), unanswered_today: Number(r.unanswered_today), abandoned_today: Number(r.abandoned_today) };
    },
  };
}

export type CallQueries = ReturnType<typeof createCallQueries>;
