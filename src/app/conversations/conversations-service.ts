import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { supervisors, type DeskEvent } from '../events.js';
import { toPage, type Page } from '../pagination.js';
import type { ChannelCredentials, MessageSender } from '../ports/provider.js';
import { assertChannelVisible, roomAudience, visibleChannelIds } from './conversation-access.js';
import { contactForNumber } from './contact-for-number.js';
import { openConversation } from './open-conversation.js';

export interface ConversationView {
  id: string;
  channel_id: string;
  contact: { id: string; name: string | null; phone: string; country: string | null };
  status: 'open' | 'resolved';
  assignee_id: string | null;
  window_expires_at: Date | null;
  window_open: boolean;
  last_message_at: Date | null;
  created_at: Date;
  resolved_at: Date | null;
}

export interface MessageView {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out' | 'system';
  type: string;
  body: string | null;
  data: Record<string, unknown>;
  status: string | null;
  sender_id: string | null;
  call_id: string | null;
  created_at: Date;
}

export interface InboundMessageInput {
  channelId: string;
  tenantId: string;
  from: string;
  contactName: string | null;
  providerMessageId: string;
  at: Date;
  type: string;
  text: string | null;
  data: Record<string, unknown>;
  /** Messages that do not open the customer-service window (none today; kept explicit). */
  touchWindow?: boolean;
}

export function createConversationsService(deps: CoreDeps & { messages: MessageSender | null }) {
  const { db, clock, ids, events } = deps;

  const baseQuery = (q: DbOrTx) =>
    q
      .selectFrom('conversations as c')
      .innerJoin('contacts as k', 'k.id', 'c.contact_id')
      .select([
        'c.id', 'c.channel_id', 'c.status', 'c.assignee_id', 'c.window_expires_at', 'c.last_message_at', 'c.created_at', 'c.resolved_at',
        'k.id as contact_id', 'k.name as contact_name', 'k.phone_e164', 'k.country',
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
  const toView = (r: Row): ConversationView => ({
    id: r.id, channel_id: r.channel_id, status: r.status, assignee_id: r.assignee_id, window_expires_at: r.window_expires_at,
    window_open: r.window_expires_at !== null && r.window_expires_at > clock.now(), last_message_at: r.last_message_at,
    created_at: r.created_at, resolved_at: r.resolved_at,
    contact: { id: r.contact_id, name: r.contact_name, phone: r.phone_e164, country: r.country },
  });

  async function get(actor: Actor, id: string, q: DbOrTx = db): Promise<ConversationView> {
    const row = await baseQuery(q).where('c.tenant_id', '=', actor.tenantId).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such conversation.');
    await assertChannelVisible(q, actor, row.channel_id);
    return toView(row);
  }

  async function insertMessage(q: DbOrTx, m: Omit<MessageView, 'id' | 'created_at'> & { tenant_id: string; provider_message_id?: string | null; at?: Date }) {
    const now = clock.now();
    const id = ids.next();
    const row = await q
      .insertInto('messages')
      .values({
        id, tenant_id: m.tenant_id, conversation_id: m.conversation_id, direction: m.direction, type: m.type, body: m.body,
        data: JSON.stringify(m.data), provider_message_id: m.provider_message_id ?? null, status: m.status, sender_id: m.sender_id,
        call_id: m.call_id, created_at: m.at ?? now, updated_at: now,
      })
      .onConflict((oc) => oc.column('provider_message_id').where('provider_message_id', 'is not', null).doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
    return row ? { ...m, id: row.id, created_at: row.created_at } : null;
  }

  const messageEvent = async (q: DbOrTx, tenantId: string, conv: { id: string; channel_id: string; assignee_id: string | null }, message: MessageView, type = 'message.created'): Promise<DeskEvent> => ({
    type, tenantId,
    audience: { ...supervisors, userIds: await roomAudience(q, conv.channel_id, conv.assignee_id) },
    data: { conversation_id: conv.id, message },
  });

  return {
    get,
    insertMessage,
    messageEvent,

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined; status?: 'open' | 'resolved' | undefined; assignee?: 'me' | 'none' | string | undefined; channel_id?: string | undefined; contact_id?: string | undefined }): Promise<Page<ConversationView>> {
      let query = baseQuery(db).where('c.tenant_id', '=', actor.tenantId);
      const visible = await visibleChannelIds(db, actor);
      if (visible !== 'all') query = query.where('c.channel_id', 'in', visible.length ? visible : ['00000000-0000-0000-0000-000000000000']);
      if (q.status) query = query.where('c.status', '=', q.status);
      if (q.channel_id) query = query.where('c.channel_id', '=', q.channel_id);
      if (q.contact_id) query = query.where('c.contact_id', '=', q.contact_id);
      if (q.assignee === 'me') query = query.where('c.assignee_id', '=', actor.userId);
      else if (q.assignee === 'none') query = query.where('c.assignee_id', 'is', null);
      else if (q.assignee) query = query.where('c.assignee_id', '=', q.assignee);
      if (q.cursor) query = query.where('c.id', '<', q.cursor);
      const rows = await query.orderBy('c.id', 'desc').limit(q.limit + 1).execute();
      return toPage(rows.map(toView), q.limit);
    },

    async messages(actor: Actor, conversationId: string, q: { limit: number; cursor?: string | undefined }): Promise<Page<MessageView>> {
      await get(actor, conversationId);
      let query = db
        .selectFrom('messages')
        .select(['id', 'conversation_id', 'direction', 'type', 'body', 'data', 'status', 'sender_id', 'call_id', 'created_at'])
        .where('conversation_id', '=', conversationId);
      if (q.cursor) query = query.where('id', '<', q.cursor);
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
      return toPage(rows, q.limit);
    },

    /** Assign (or unassign with null), resolve or reopen. Agents may take unassigned rooms and release their own. */
    async update(actor: Actor, id: string, patch: { assignee_id?: string | null | undefined; status?: 'open' | 'resolved' | undefined }): Promise<ConversationView> {
      const event = await db.transaction().execute(async (tx) => {
        const conv = await get(actor, id, tx);
        await tx.selectFrom('conversations').select('id').where('id', '=', id).forUpdate().execute();
        const set: Record<string, unknown> = { updated_at: clock.now() };
        if (patch.assignee_id !== undefined) {
          if (actor.role === 'agent') {
            const mine = patch.assignee_id === actor.userId && (conv.assignee_id === null || conv.assignee_id === actor.userId);
            const release = patch.assignee_id === null && conv.assignee_id === actor.userId;
            if (!mine && !release) throw new AppError('FORBIDDEN', 'Agents may take unassigned rooms or release their own.');
          }
          if (patch.assignee_id) {
            const member = await tx
              .selectFrom('users as u')
              .leftJoin('channel_members as m', (j) => j.onRef('m.user_id', '=', 'u.id').on('m.channel_id', '=', conv.channel_id))
              .select(['u.id', 'u.role', 'm.user_id as member'])
              .where('u.id', '=', patch.assignee_id).where('u.tenant_id', '=', actor.tenantId)
              .executeTakeFirst();
            if (!member) throw new AppError('NOT_FOUND', 'No such user.');
            if (member.role === 'agent' && !member.member) throw new AppError('NOT_A_CHANNEL_MEMBER', 'The agent is not a member of this channel.');
          }
          set.assignee_id = patch.assignee_id;
        }
        if (patch.status === 'resolved' && conv.status === 'open') {
          set.status = 'resolved';
          set.resolved_at = clock.now();
        } else if (patch.status === 'open' && conv.status === 'resolved') {
          const other = await tx.selectFrom('conversations').select('id').where('channel_id', '=', conv.channel_id).where('contact_id', '=', conv.contact.id).where('status', '=', 'open').executeTakeFirst();
          if (other) throw new AppError('CONFLICT', 'The contact already has another open room on this channel.', { conversation_id: other.id });
          set.status = 'open';
          set.resolved_at = null;
        }
        await tx.updateTable('conversations').set(set).where('id', '=', id).execute();
        const after = await get(actor, id, tx);
        const audience = new Set([...(await roomAudience(tx, after.channel_id, after.assignee_id)), ...(conv.assignee_id ? [conv.assignee_id] : [])]);
        return { view: after, event: { type: 'conversation.updated', tenantId: actor.tenantId, audience: { ...supervisors, userIds: [...audience] }, data: { conversation: after } } as DeskEvent, resolved: set.status === 'resolved' };
      });
      events.publish([event.event]);
      if (event.resolved) await this.onResolved?.(actor.tenantId, event.view);
      return event.view;
    },

    /** Set by the composition root: what else happens when a room is resolved (pending permission requests close). */
    onResolved: undefined as undefined | ((tenantId: string, conv: ConversationView) => Promise<void>),

    /** An agent's text message, sent through the provider inside the customer-service window. */
    async sendText(actor: Actor, id: string, text: string): Promise<MessageView> {
      const conv = await get(actor, id);
      if (!conv.window_open) throw new AppError('OUTSIDE_SERVICE_WINDOW', 'The 24 h customer-service window is closed; send the recontact template instead.');
      const channel = await db.selectFrom('channels').select(['phone_number_id', 'access_token']).where('id', '=', conv.channel_id).executeTakeFirstOrThrow();
      if (!deps.messages || !channel.phone_number_id || !channel.access_token) throw new AppError('PROVIDER_UNAVAILABLE', 'This channel has no provider credentials.');
      const creds: ChannelCredentials = { phoneNumberId: channel.phone_number_id, accessToken: channel.access_token };
      const { providerMessageId } = await deps.messages.sendText(creds, conv.contact.phone, text);
      const msg = await db.transaction().execute(async (tx) => {
        const m = await insertMessage(tx, {
          tenant_id: actor.tenantId, conversation_id: id, direction: 'out', type: 'text', body: text, data: {}, status: 'sent',
          sender_id: actor.userId, call_id: null, provider_message_id: providerMessageId,
        });
        await tx.updateTable('conversations').set({ last_message_at: clock.now(), updated_at: clock.now() }).where('id', '=', id).execute();
        return m!;
      });
      events.publish([await messageEvent(db, actor.tenantId, { id, channel_id: conv.channel_id, assignee_id: conv.assignee_id }, msg)]);
      return msg;
    },

    /** A customer's message from the provider: contact, room (created or reopened), 24 h window, message, desk event. */
    async receive(input: InboundMessageInput): Promise<{ conversationId: string; messageId: string | null }> {
      const result = await db.transaction().execute(async (tx) => {
        const contact = await contactForNumber(deps, tx, input.tenantId, input.from, input.contactName);
        const conv = await openConversation(deps, tx, { tenantId: input.tenantId, channelId: input.channelId, contactId: contact.id }, {
          at: clock.now(), touchWindow: input.touchWindow ?? true, inbound: true, newContact: contact.created,
        });
        const msg = await insertMessage(tx, {
          tenant_id: input.tenantId, conversation_id: conv.id, direction: 'in', type: input.type, body: input.text,
          data: { ...input.data, provider_timestamp: input.at.toISOString() },
          status: 'received', sender_id: null, call_id: null, provider_message_id: input.providerMessageId,
        });
        const evs: DeskEvent[] = [];
        if (msg) evs.push(await messageEvent(tx, input.tenantId, { id: conv.id, channel_id: input.channelId, assignee_id: conv.assignee_id }, msg));
        if (conv.created || conv.reopened) {
          evs.push({
            type: conv.created ? 'conversation.created' : 'conversation.reopened', tenantId: input.tenantId,
            audience: { ...supervisors, userIds: await roomAudience(tx, input.channelId, conv.assignee_id) },
            data: { conversation_id: conv.id, contact_id: contact.id },
          });
        }
        return { conversationId: conv.id, messageId: msg?.id ?? null, evs };
      });
      events.publish(result.evs);
      return { conversationId: result.conversationId, messageId: result.messageId };
    },

    /** Delivery receipts from the provider. */
    async messageStatus(providerMessageId: string, status: string): Promise<void> {
      const rank: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };
      const row = await db.selectFrom('messages').select(['id', 'status', 'tenant_id', 'conversation_id']).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
      if (!row || (rank[status] ?? 0) <= (rank[row.status ?? ''] ?? 0)) return;
      await db.updateTable('messages').set({ status, updated_at: clock.now() }).where('id', '=', row.id).execute();
      const conv = await db.selectFrom('conversations').select(['id', 'channel_id', 'assignee_id']).where('id', '=', row.conversation_id).executeTakeFirstOrThrow();
      events.publish([{ type: 'message.status', tenantId: row.tenant_id, audience: { userIds: await roomAudience(db, conv.channel_id, conv.assignee_id) }, data: { conversation_id: conv.id, message_id: row.id, status } }]);
    },
  };
}

export type ConversationsService = ReturnType<typeof createConversationsService>;
