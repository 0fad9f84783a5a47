import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { visibleChannelIds } from '../conversations/conversation-access.js';
import { uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import type { Page } from '../pagination.js';
import { containsPattern } from './like-pattern.js';

export type CannedAnswerScope = 'general' | 'channel';

export interface CannedAnswerView {
  id: string;
  /** `general`: the whole tenant's; `channel`: local to `channel_id`. */
  scope: CannedAnswerScope;
  channel_id: string | null;
  channel_name: string | null;
  title: string;
  body: string;
  shortcut: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CannedAnswerQuery {
  channel_id?: string | undefined;
  q?: string | undefined;
  scope?: CannedAnswerScope | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface CannedAnswerInput {
  title: string;
  body: string;
  shortcut?: string | null | undefined;
  channel_id?: string | null | undefined;
}

const NO_CHANNEL = '00000000-0000-0000-0000-000000000000';

function titleTaken(e: unknown): never {
  if (uniqueViolation(e) === 'canned_answers_title_key') throw new AppError('DUPLICATE_NAME', 'Another canned answer of the same scope already has this title.');
  throw e;
}

/** General answers are the admins'; channel answers are also the supervisors' (SPEC §10). */
function assertMayManage(actor: Actor, channelId: string | null): void {
  if (channelId === null && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins manage general canned answers.');
  if (actor.role === 'agent') throw new AppError('FORBIDDEN', 'Agents use canned answers; supervisors and admins manage them.');
}

/** General (tenant) and local (per channel) canned answers, shown blended and searchable in the composer. */
export function createCannedAnswersService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps;

  const base = (tx: DbOrTx, tenantId: string) =>
    tx
      .selectFrom('canned_answers as a')
      .leftJoin('channels as ch', 'ch.id', 'a.channel_id')
      .select(['a.id', 'a.channel_id', 'ch.name as channel_name', 'a.title', 'a.body', 'a.shortcut', 'a.created_at', 'a.updated_at'])
      .where('a.tenant_id', '=', tenantId);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
  const toView = (r: Row): CannedAnswerView => ({ ...r, scope: r.channel_id ? 'channel' : 'general' });

  async function assertChannel(tx: DbOrTx, actor: Actor, channelId: string): Promise<void> {
    const ch = await tx.selectFrom('channels').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', channelId).executeTakeFirst();
    const visible = await visibleChannelIds(tx, actor);
    if (!ch || (visible !== 'all' && !visible.includes(channelId))) throw new AppError('NOT_FOUND', 'No such channel.');
  }

  /** The answer if the actor may see it: general ones, and those of channels they see. */
  async function get(tx: DbOrTx, actor: Actor, id: string): Promise<CannedAnswerView> {
    const row = await base(tx, actor.tenantId).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such canned answer.');
    if (row.channel_id) {
      const visible = await visibleChannelIds(tx, actor);
      if (visible !== 'all' && !visible.includes(row.channel_id)) throw new AppError('NOT_FOUND', 'No such canned answer.');
    }
    return toView(row);
  }

  return {
    get: (actor: Actor, id: string) => get(db, actor, id),

    /**
     * With `channel_id`: the general answers and that channel's, blended. Without: the general
     * answers and those of every channel the actor sees. `q` matches title, body or shortcut.
     * Sorted by title; the cursor is the last id seen.
     */
    async list(actor: Actor, q: CannedAnswerQuery): Promise<Page<CannedAnswerView>> {
      let query = base(db, actor.tenantId);
      if (q.channel_id) {
        await assertChannel(db, actor, q.channel_id);
        query = query.where((eb) => eb.or([eb('a.channel_id', 'is', null), eb('a.channel_id', '=', q.channel_id!)]));
      } else {
        const visible = await visibleChannelIds(db, actor);
        if (visible !== 'all') query = query.where((eb) => eb.or([eb('a.channel_id', 'is', null), eb('a.channel_id', 'in', visible.length ? visible : [NO_CHANNEL])]));
      }
      if (q.scope === 'general') query = query.where('a.channel_id', 'is', null);
      if (q.scope === 'channel') query = query.where('a.channel_id', 'is not', null);
      if (q.q) {
        const pattern = containsPattern(q.q);
        query = query.where((eb) => eb.or([eb('a.title', 'ilike', pattern), eb('a.body', 'ilike', pattern), eb('a.shortcut', 'ilike', pattern)]));
      }
      if (q.cursor) {
        // Keyset on (lower(title), id), compared in SQL so the order and the cursor agree on collation.
        const cursor = q.cursor;
        const lastTitle = db.selectFrom('canned_answers as l').select((eb) => eb.fn<string>('lower', ['l.title']).as('t')).where('l.id', '=', cursor).where('l.tenant_id', '=', actor.tenantId);
        query = query.where((eb) => eb.or([
          eb(eb.fn('lower', ['a.title']), '>', lastTitle),
          eb.and([eb(eb.fn('lower', ['a.title']), '=', lastTitle), eb('a.id', '>', cursor)]),
        ]));
      }
      const rows = await query.orderBy((eb) => eb.fn('lower', ['a.title'])).orderBy('a.id').limit(q.limit + 1).execute();
      const items = rows.slice(0, q.limit).map(toView);
      return { items, next_cursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
    },

    async create(actor: Actor, input: CannedAnswerInput): Promise<CannedAnswerView> {
      const channelId = input.channel_id ?? null;
      assertMayManage(actor, channelId);
      if (channelId) await assertChannel(db, actor, channelId);
      const id = ids.next();
      const now = clock.now();
      try {
        await db.insertInto('canned_answers').values({
          id, tenant_id: actor.tenantId, channel_id: channelId, title: input.title, body: input.body, shortcut: input.shortcut ?? null,
          created_by: actor.userId, created_at: now, updated_at: now,
        }).execute();
      } catch (e) {
        return titleTaken(e);
      }
      return get(db, actor, id);
    },

    /** The scope of an answer does not change; create one in the other scope instead. */
    async update(actor: Actor, id: string, patch: Partial<Omit<CannedAnswerInput, 'channel_id'>>): Promise<CannedAnswerView> {
      const current = await get(db, actor, id);
      assertMayManage(actor, current.channel_id);
      const set: { title?: string; body?: string; shortcut?: string | null } = {};
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.body !== undefined) set.body = patch.body;
      if (patch.shortcut !== undefined) set.shortcut = patch.shortcut;
      try {
        await db.updateTable('canned_answers').set({ ...set, updated_at: clock.now() }).where('id', '=', id).where('tenant_id', '=', actor.tenantId).execute();
      } catch (e) {
        return titleTaken(e);
      }
      return get(db, actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const current = await get(db, actor, id);
      assertMayManage(actor, current.channel_id);
      await db.deleteFrom('canned_answers').where('id', '=', id).where('tenant_id', '=', actor.tenantId).execute();
    },
  };
}

export type CannedAnswersService = ReturnType<typeof createCannedAnswersService>;
