import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { CallHours, ChannelPrompts, ChannelsTable, IncomingTarget } from '../../store/schema/index.js';
import { json } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import { isForeignKeyViolation, uniqueViolation } from '../db-errors/constraint-violation.js';
import type { CoreDeps, DbOrTx, Tx } from '../deps.js';
import { CHANNELS_CHANGED, internalAudience } from '../events.js';
import { type Page, toPage } from '../pagination.js';
import { normalizePhoneNumber } from '../phone-numbers/normalize-phone-number.js';
import { assertTenantUsers } from '../users/assert-tenant-users.js';
import { assertCallingPrerequisites } from './calling-prerequisites.js';
import { selectChannels, toChannelViews, type ChannelView } from './channel-view.js';
import { assertTargetExists } from './incoming-target.js';

/** Settings an admin may change on a channel (SPEC §2). */
export interface ChannelSettingsInput {
  name?: string | undefined;
  display_number?: string | undefined;
  phone_number_id?: string | undefined;
  waba_id?: string | undefined;
  access_token?: string | undefined;
  app_secret?: string | undefined;
  verify_token?: string | undefined;
  voice_calling_enabled?: boolean | undefined;
  inbound_enabled?: boolean | undefined;
  outbound_enabled?: boolean | undefined;
  transfer_enabled?: boolean | undefined;
  recording_enabled?: boolean | undefined;
  disposition_mandatory?: boolean | undefined;
  call_icon_visibility?: 'DEFAULT' | 'DISABLE_ALL' | undefined;
  callback_permission_enabled?: boolean | undefined;
  call_hours?: CallHours | null | undefined;
  incoming_target?: IncomingTarget | null | undefined;
  /** Merged into the current prompts; a null value clears that prompt. */
  prompts?: ChannelPrompts | undefined;
  recontact_template?: string | null | undefined;
}

export interface CreateChannelInput extends ChannelSettingsInput {
  name: string;
  display_number: string;
  phone_number_id: string;
  waba_id: string;
  access_token: string;
  app_secret: string;
}

export interface ChannelHooks {
  /** Runs before a change is saved; throwing refuses it (e.g. Meta refused the calling settings). */
  beforeUpdate?: (actor: Actor, id: string, patch: ChannelSettingsInput) => Promise<void>;
  beforeCreate?: (actor: Actor, input: CreateChannelInput) => Promise<void>;
  /** Completes the single-channel view (calling health). */
  withHealth?: (view: ChannelView) => Promise<ChannelView>;
}

export interface ChannelMemberView {
  user_id: string;
  name: string;
  role: string;
}

const plainColumns = [
  'name', 'waba_id', 'access_token', 'app_secret', 'verify_token', 'voice_calling_enabled', 'inbound_enabled', 'outbound_enabled',
  'transfer_enabled', 'recording_enabled', 'disposition_mandatory', 'call_icon_visibility', 'callback_permission_enabled', 'recontact_template',
] as const;

function phoneNumberIdTaken(e: unknown): never {
  if (uniqueViolation(e) === 'channels_phone_number_id_key') {
    throw new AppError('PHONE_NUMBER_ID_TAKEN', 'Another channel already uses this phone_number_id.');
  }
  throw e;
}

/** WhatsApp channels, their calling settings and their agents (SPEC §2). Only admins write. */
export function createChannelsService(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids' | 'events'> & { publicUrl: string }) {
  const { db, clock, ids } = deps;
  /** Tells every instance a channel changed (the webhook path keeps channels it looked up for a few seconds). */
  const channelsChanged = (tenantId: string, id: string) =>
    deps.events.publish([{ type: CHANNELS_CHANGED, tenantId, audience: internalAudience, data: { channel_id: id } }]);
  const webhookUrl = `${deps.publicUrl}/webhooks/whatsapp`;

  async function getFor(tx: DbOrTx, actor: Actor, id: string): Promise<ChannelView> {
    let q = selectChannels(tx, actor.tenantId).where('c.id', '=', id);
    if (actor.role === 'agent') q = q.where((eb) => eb.exists(eb.selectFrom('channel_members as m').select('m.user_id').whereRef('m.channel_id', '=', 'c.id').where('m.user_id', '=', actor.userId)));
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such channel.');
    const [view] = await toChannelViews(tx, [row], { webhookUrl, showVerifyToken: actor.role === 'admin' });
    return view!;
  }

  async function lockChannel(tx: Tx, tenantId: string, id: string) {
    const row = await tx.selectFrom('channels').select(['id', 'voice_calling_enabled', 'prompts']).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such channel.');
    return row;
  }

  async function assertPhoneNumberIdFree(tx: DbOrTx, phoneNumberId: string, exceptId: string | null): Promise<void> {
    let q = tx.selectFrom('channels').select('id').where('phone_number_id', '=', phoneNumberId);
    if (exceptId) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new AppError('PHONE_NUMBER_ID_TAKEN', 'Another channel already uses this phone_number_id.');
  }

  /** Column values for a create or a patch; checks what needs the database (number, references, prerequisites). */
  async function columnsFor(tx: Tx, tenantId: string, channelId: string | null, input: ChannelSettingsInput, current: { voice_calling_enabled: boolean; prompts: ChannelPrompts } | null) {
    const set: Record<string, unknown> = {};
    for (const k of plainColumns) if (input[k] !== undefined) set[k] = input[k];
    if (input.display_number !== undefined) {
      const n = normalizePhoneNumber(input.display_number, 'body.display_number');
      set.display_number = n.e164;
      set.country = n.country;
    }
    if (input.phone_number_id !== undefined) {
      await assertPhoneNumberIdFree(tx, input.phone_number_id, channelId);
      set.phone_number_id = input.phone_number_id;
    }
    if (input.call_hours !== undefined) set.call_hours = input.call_hours === null ? null : json(input.call_hours);
    if (input.incoming_target !== undefined) {
      if (input.incoming_target !== null) await assertTargetExists(tx, tenantId, channelId, input.incoming_target);
      set.incoming_target = input.incoming_target === null ? null : json(input.incoming_target);
    }
    if (input.prompts !== undefined) {
      const merged: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...(current?.prompts ?? {}), ...input.prompts })) if (typeof v === 'string') merged[k] = v;
      set.prompts = json(merged);
    }
    if (input.voice_calling_enabled === true && !current?.voice_calling_enabled) await assertCallingPrerequisites(tx, tenantId);
    return set;
  }

  async function members(tx: DbOrTx, channelId: string): Promise<Page<ChannelMemberView>> {
    const items = await tx
      .selectFrom('channel_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.name', 'u.role'])
      .where('m.channel_id', '=', channelId)
      .orderBy('u.name')
      .orderBy('m.user_id')
      .execute();
    return { items, next_cursor: null };
  }

  /** Leaving a channel also leaves its ring groups (their members must be channel members). */
  async function dropMembers(tx: Tx, channelId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await tx.deleteFrom('ring_group_members').where('channel_id', '=', channelId).where('user_id', 'in', userIds).execute();
    await tx.deleteFrom('channel_members').where('channel_id', '=', channelId).where('user_id', 'in', userIds).execute();
  }

  const hooks: ChannelHooks = {};

  return {
    webhookUrl,
    /** Set by the composition root: Meta-side settings sync before a create or update, health on read. */
    hooks,
    get: async (actor: Actor, id: string) => {
      const view = await getFor(db, actor, id);
      return hooks.withHealth ? hooks.withHealth(view) : view;
    },

    /** Agents see only the channels they are members of. */
    async list(actor: Actor, q: { limit: number; cursor?: string | undefined }): Promise<Page<ChannelView>> {
      let query = selectChannels(db, actor.tenantId);
      if (actor.role === 'agent') query = query.where((eb) => eb.exists(eb.selectFrom('channel_members as m').select('m.user_id').whereRef('m.channel_id', '=', 'c.id').where('m.user_id', '=', actor.userId)));
      if (q.cursor) query = query.where('c.id', '>', q.cursor);
      const rows = await query.orderBy('c.id').limit(q.limit + 1).execute();
      const page = toPage(rows, q.limit);
      return { items: await toChannelViews(db, page.items, { webhookUrl, showVerifyToken: actor.role === 'admin' }), next_cursor: page.next_cursor };
    },

    async create(actor: Actor, input: CreateChannelInput): Promise<ChannelView> {
      if (hooks.beforeCreate) await hooks.beforeCreate(actor, input);
      const id = ids.next();
      const now = clock.now();
      try {
        return await db.transaction().execute(async (tx) => {
          const set = await columnsFor(tx, actor.tenantId, null, input, null);
          const row = {
            prompts: json({}), verify_token: crypto.randomBytes(18).toString('base64url'), ...set,
            id, tenant_id: actor.tenantId, type: 'whatsapp', health: json({}), created_at: now, updated_at: now,
          };
          await tx.insertInto('channels').values(row as Insertable<ChannelsTable>).execute();
          return getFor(tx, actor, id);
        });
      } catch (e) {
        return phoneNumberIdTaken(e);
      }
    },

    async update(actor: Actor, id: string, patch: ChannelSettingsInput): Promise<ChannelView> {
      if (hooks.beforeUpdate) await hooks.beforeUpdate(actor, id, patch);
      try {
        return await db.transaction().execute(async (tx) => {
          const current = await lockChannel(tx, actor.tenantId, id);
          const set = await columnsFor(tx, actor.tenantId, id, patch, current);
          await tx.updateTable('channels').set({ ...set, updated_at: clock.now() }).where('id', '=', id).execute();
          return getFor(tx, actor, id);
        }).finally(() => channelsChanged(actor.tenantId, id));
      } catch (e) {
        return phoneNumberIdTaken(e);
      }
    },

    async remove(actor: Actor, id: string): Promise<void> {
      try {
        await db.transaction().execute(async (tx) => {
          await lockChannel(tx, actor.tenantId, id);
          await tx.deleteFrom('channels').where('id', '=', id).execute();
        }).finally(() => channelsChanged(actor.tenantId, id));
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppError('IN_USE', 'Calls or conversations still refer to this channel.');
        throw e;
      }
    },

    async members(actor: Actor, id: string): Promise<Page<ChannelMemberView>> {
      await getFor(db, actor, id);
      return members(db, id);
    },

    /** Sets the channel's members to exactly these users. */
    async setMembers(actor: Actor, id: string, userIds: string[]): Promise<Page<ChannelMemberView>> {
      return db.transaction().execute(async (tx) => {
        await lockChannel(tx, actor.tenantId, id);
        await assertTenantUsers(tx, actor.tenantId, userIds, 'body.user_ids');
        const current = await tx.selectFrom('channel_members').select('user_id').where('channel_id', '=', id).execute();
        const wanted = new Set(userIds);
        const have = new Set(current.map((r) => r.user_id));
        await dropMembers(tx, id, [...have].filter((u) => !wanted.has(u)));
        const added = userIds.filter((u) => !have.has(u));
        if (added.length > 0) await tx.insertInto('channel_members').values(added.map((u) => ({ channel_id: id, user_id: u, tenant_id: actor.tenantId }))).execute();
        return members(tx, id);
      });
    },

    async addMember(actor: Actor, id: string, userId: string): Promise<Page<ChannelMemberView>> {
      return db.transaction().execute(async (tx) => {
        await lockChannel(tx, actor.tenantId, id);
        await assertTenantUsers(tx, actor.tenantId, [userId], 'body.user_id');
        await tx.insertInto('channel_members').values({ channel_id: id, user_id: userId, tenant_id: actor.tenantId }).onConflict((oc) => oc.doNothing()).execute();
        return members(tx, id);
      });
    },

    async removeMember(actor: Actor, id: string, userId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await lockChannel(tx, actor.tenantId, id);
        const row = await tx.selectFrom('channel_members').select('user_id').where('channel_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'This user is not a member of the channel.');
        await dropMembers(tx, id, [userId]);
      });
    },
  };
}

export type ChannelsService = ReturnType<typeof createChannelsService>;
