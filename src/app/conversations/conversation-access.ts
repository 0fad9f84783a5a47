import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { DbOrTx } from '../deps.js';

/** Channels an actor may see: all of the tenant for staff, the channels they are members of for agents. */
export async function visibleChannelIds(db: DbOrTx, actor: Actor): Promise<string[] | 'all'> {
  if (actor.role !== 'agent') return 'all';
  const rows = await db.selectFrom('channel_members').select('channel_id').where('user_id', '=', actor.userId).execute();
  return rows.map((r) => r.channel_id);
}

export async function assertChannelVisible(db: DbOrTx, actor: Actor, channelId: string, what = 'conversation'): Promise<void> {
  const visible = await visibleChannelIds(db, actor);
  if (visible !== 'all' && !visible.includes(channelId)) throw new AppError('NOT_FOUND', `No such ${what}.`);
}

/** Users to tell about a room: its assignee, or every member of its channel when nobody is assigned. */
export async function roomAudience(db: DbOrTx, channelId: string, assigneeId: string | null): Promise<string[]> {
  if (assigneeId) return [assigneeId];
  const rows = await db.selectFrom('channel_members').select('user_id').where('channel_id', '=', channelId).execute();
  return rows.map((r) => r.user_id);
}
