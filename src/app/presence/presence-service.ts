import { AppError } from '../../domain/errors.js';
import type { EffectiveStatus, PresenceStatus } from '../../domain/people.js';
import type { Actor } from '../actor.js';
import type { CoreDeps, DbOrTx, Tx } from '../deps.js';
import { type DeskEvent, supervisorsOf } from '../events.js';
import { loadSettings } from '../tenants/tenant-settings.js';
import { supervises, supervisionScope } from '../supervision/supervision-scope.js';

export const PRESENCE_OFFLINE_TIMER = 'presence.offline_check';
const INSTANCE_STALE_MS = 90_000;

export interface PresenceView {
  user_id: string;
  status: PresenceStatus;
  effective_status: EffectiveStatus;
  pause_reason_id: string | null;
  pause_reason: string | null;
  status_since: Date;
  current_call_id: string | null;
  busy_since: Date | null;
  signed_in: boolean;
}

export interface SetStatusInput {
  status: PresenceStatus;
  pause_reason_id?: string | undefined;
}

export function createPresenceService(deps: CoreDeps) {
  const { db, clock, events, scheduler } = deps;
  /** Called after an agent became available (queued calls may now be offered to them). */
  const availableListeners: ((tenantId: string, userId: string) => Promise<void>)[] = [];
  const notifyAvailable = (tenantId: string, userId: string) => {
    for (const fn of availableListeners) fn(tenantId, userId).catch((err) => deps.log.warn({ err }, 'available listener failed'));
  };

  async function view(tx: DbOrTx, tenantId: string, userId: string): Promise<PresenceView> {
    const rows = await views(tx, tenantId, [userId]);
    const v = rows[0];
    if (!v) throw new AppError('NOT_FOUND', 'No such user.');
    return v;
  }

  async function views(tx: DbOrTx, tenantId: string, userIds?: string[]): Promise<PresenceView[]> {
    const liveSince = new Date(clock.now().getTime() - INSTANCE_STALE_MS);
    let q = tx
      .selectFrom('agent_presence as p')
      .leftJoin('pause_reasons as r', 'r.id', 'p.pause_reason_id')
      .select((eb) => [
        'p.user_id', 'p.status', 'p.pause_reason_id', 'r.name as pause_reason', 'p.status_since', 'p.current_call_id', 'p.busy_since',
        eb
          .exists(
            eb.selectFrom('desk_connections as d')
              .innerJoin('instances as i', 'i.id', 'd.instance_id')
              .whereRef('d.user_id', '=', 'p.user_id')
              .where('i.heartbeat_at', '>', liveSince)
              .select('d.id'),
          )
          .as('signed_in'),
      ])
      .where('p.tenant_id', '=', tenantId);
    if (userIds) q = q.where('p.user_id', 'in', userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000']);
    const rows = await q.orderBy('p.user_id').execute();
    return rows.map((r) => ({
      ...r,
      signed_in: Boolean(r.signed_in),
      effective_status: r.current_call_id ? 'busy' : r.status,
    }));
  }

  function changedEvent(tenantId: string, v: PresenceView): DeskEvent {
    return { type: 'presence.changed', tenantId, audience: { ...supervisorsOf([v.user_id]), userIds: [v.user_id] }, data: { presence: v } };
  }

  /** Writes the status and its history row inside the caller's transaction; returns the event to publish after commit. */
  async function applyStatus(
    tx: Tx, tenantId: string, userId: string, input: SetStatusInput, source: string, changedBy: string | null,
  ): Promise<DeskEvent> {
    const now = clock.now();
    const current = await tx.selectFrom('agent_presence').selectAll().where('user_id', '=', userId).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'No such user.');
    let reasonId: string | null = null;
    if (input.status === 'paused') {
      if (!input.pause_reason_id) {
        throw new AppError('VALIDATION_FAILED', 'A pause needs a reason.', { issues: [{ path: 'body.pause_reason_id', message: 'required when status is paused', code: 'custom' }] });
      }
      const reason = await tx.selectFrom('pause_reasons').select('id').where('id', '=', input.pause_reason_id).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (!reason) throw new AppError('NOT_FOUND', 'No such pause reason.');
      reasonId = reason.id;
    } else if (input.pause_reason_id) {
      throw new AppError('VALIDATION_FAILED', 'Only a pause takes a reason.', { issues: [{ path: 'body.pause_reason_id', message: 'only allowed when status is paused', code: 'custom' }] });
    }
    const unchanged = current.status === input.status && current.pause_reason_id === reasonId;
    if (!unchanged) {
      await tx
        .updateTable('agent_presence')
        .set({
          status: input.status,
          pause_reason_id: reasonId,
          status_since: now,
          available_since: input.status === 'available' ? now : current.available_since,
          missed_in_row: input.status === 'available' ? 0 : current.missed_in_row,
        })
        .where('user_id', '=', userId)
        .execute();
      await tx
        .insertInto('presence_history')
        .values({ tenant_id: tenantId, user_id: userId, status: input.status, pause_reason_id: reasonId, source, changed_by: changedBy, at: now })
        .execute();
    }
    return changedEvent(tenantId, await view(tx, tenantId, userId));
  }

  return {
    view: (actor: Actor, userId: string) => view(db, actor.tenantId, userId),
    async list(actor: Actor) {
      const scope = await supervisionScope(db, actor);
      return (await views(db, actor.tenantId)).filter((v) => v.user_id === actor.userId || supervises(scope, v.user_id));
    },
    applyStatus,

    /** An agent sets their own status, or a supervisor/admin sets an agent's. */
    async setStatus(actor: Actor, userId: string, input: SetStatusInput): Promise<PresenceView> {
      if (userId !== actor.userId && actor.role === 'agent') throw new AppError('FORBIDDEN', 'Agents change only their own status.');
      if (userId !== actor.userId && !supervises(await supervisionScope(db, actor), userId)) {
        const known = await db.selectFrom('users').select('id').where('id', '=', userId).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        throw known ? new AppError('FORBIDDEN', 'This agent is not in your agent groups.') : new AppError('NOT_FOUND', 'No such user.');
      }
      const event = await db.transaction().execute((tx) =>
        applyStatus(tx, actor.tenantId, userId, input, userId === actor.userId ? 'user' : 'supervisor', actor.userId),
      );
      events.publish([event]);
      const view = event.data.presence as PresenceView;
      if (view.status === 'available' && !view.current_call_id) notifyAvailable(actor.tenantId, userId);
      return view;
    },

    onAvailable(fn: (tenantId: string, userId: string) => Promise<void>) {
      availableListeners.push(fn);
    },
    notifyAvailable,

    async history(actor: Actor, userId: string, limit: number) {
      await view(db, actor.tenantId, userId);
      if (userId !== actor.userId && !supervises(await supervisionScope(db, actor), userId)) throw new AppError('NOT_FOUND', 'No such user.');
      return db
        .selectFrom('presence_history')
        .select(['id', 'status', 'pause_reason_id', 'source', 'changed_by', 'at'])
        .where('tenant_id', '=', actor.tenantId)
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    async deskConnected(actor: Actor, connectionId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('desk_connections').values({ id: connectionId, tenant_id: actor.tenantId, user_id: actor.userId, instance_id: deps.instanceId, connected_at: clock.now() }).execute();
        await scheduler.cancel(tx, PRESENCE_OFFLINE_TIMER, actor.userId);
      });
    },

    /** The last desk closing starts the grace period; the timer decides later. */
    async deskDisconnected(actor: Actor, connectionId: string): Promise<void> {
      const settings = await loadSettings(db, actor.tenantId);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('desk_connections').where('id', '=', connectionId).execute();
        const left = await tx.selectFrom('desk_connections').select('id').where('user_id', '=', actor.userId).executeTakeFirst();
        if (!left) {
          await scheduler.schedule(tx, {
            kind: PRESENCE_OFFLINE_TIMER,
            key: actor.userId,
            tenantId: actor.tenantId,
            dueAt: new Date(clock.now().getTime() + settings.presence_grace_s * 1000),
            payload: { user_id: actor.userId },
          });
        }
      });
    },

    /** Timer: still no desk after the grace period → offline (unless on a call). */
    async offlineCheck(tenantId: string, userId: string): Promise<void> {
      const liveSince = new Date(clock.now().getTime() - INSTANCE_STALE_MS);
      const event = await db.transaction().execute(async (tx) => {
        const live = await tx
          .selectFrom('desk_connections as d')
          .innerJoin('instances as i', 'i.id', 'd.instance_id')
          .select('d.id')
          .where('d.user_id', '=', userId)
          .where('i.heartbeat_at', '>', liveSince)
          .executeTakeFirst();
        if (live) return null;
        const p = await tx.selectFrom('agent_presence').select(['status', 'current_call_id']).where('user_id', '=', userId).forUpdate().executeTakeFirst();
        if (!p || p.status === 'offline' || p.current_call_id) return null;
        return applyStatus(tx, tenantId, userId, { status: 'offline' }, 'desk_closed', null);
      });
      if (event) events.publish([event]);
    },

    /** Heartbeat of this instance, so other instances can tell its desk connections are live. */
    async heartbeat(): Promise<void> {
      const now = clock.now();
      await db
        .insertInto('instances')
        .values({ id: deps.instanceId, started_at: now, heartbeat_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now }))
        .execute();
    },

    /** On start: connections this instance had before a restart are gone. */
    async forgetOwnConnections(): Promise<void> {
      await db.deleteFrom('desk_connections').where('instance_id', '=', deps.instanceId).execute();
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
