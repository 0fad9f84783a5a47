import { checkOutboundCall, checkPermissionRequest } from '../../domain/compliance/index.js';
import { initialPermissionState, summary, type PermissionSummary } from '../../domain/permissions/index.js';
import type { Actor } from '../actor.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { CoreDeps } from '../deps.js';
import { loadOutboundFacts } from '../outbound/outbound-facts.js';
import type { MessageSender } from '../ports/provider.js';
import { createPermissionReplies } from './apply-permission-reply.js';
import { createPermissionCallHooks } from './permission-call-hooks.js';
import { createPermissionLifecycle } from './permission-lifecycle.js';
import { permissionPolicy, readPermission } from './permission-row.js';
import { createPermissionRequests, type SentPermissionRequest } from './request-permission.js';

/** What the room header shows, plus whether Invite to call and Call would be accepted now (and why not). */
export interface PermissionView extends PermissionSummary {
  conversation_id: string;
  channel_id: string;
  contact_id: string;
  invite: { allowed: boolean; refusal: { code: string; message: string } | null };
  call: { allowed: boolean; refusal: { code: string; message: string } | null };
}

/** WhatsApp call permissions per customer and channel (SPEC §5): the room's view, invites, replies, call hooks. */
export function createPermissionService(deps: CoreDeps & { messages: MessageSender | null; conversations: ConversationsService }) {
  const { db, clock } = deps;
  const requests = createPermissionRequests(deps);
  const lifecycle = createPermissionLifecycle(deps);
  const callHooks = createPermissionCallHooks({ ...deps, requests });

  async function view(actor: Actor, conversationId: string): Promise<PermissionView> {
    const conv = await deps.conversations.get(actor, conversationId);
    const now = clock.now();
    const key = { tenantId: actor.tenantId, channelId: conv.channel_id, contactId: conv.contact.id };
    const state = (await readPermission(db, key)) ?? initialPermissionState();
    const policy = await permissionPolicy(db, actor.tenantId);
    const facts = await loadOutboundFacts(db, { ...key, destinationNumber: conv.contact.phone }, now, { permission: state });
    const presence = await db.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', actor.userId).executeTakeFirst();
    const invite = checkPermissionRequest({ ...facts, hasActiveConversation: conv.window_open });
    const call = checkOutboundCall({ ...facts, agentOnCall: Boolean(presence?.current_call_id) });
    const verdict = (r: { ok: true } | { ok: false; code: string; message: string }) =>
      (r.ok ? { allowed: true, refusal: null } : { allowed: false, refusal: { code: r.code, message: r.message } });
    return {
      conversation_id: conv.id, channel_id: conv.channel_id, contact_id: conv.contact.id,
      ...summary(state, now, policy), invite: verdict(invite), call: verdict(call),
    };
  }

  /** "Invite to call" from a room. */
  async function request(actor: Actor, conversationId: string, input: { caption?: string | undefined }): Promise<SentPermissionRequest> {
    const conv = await deps.conversations.get(actor, conversationId);
    const sent = await requests.send(
      { tenantId: actor.tenantId, conversationId: conv.id, channelId: conv.channel_id, contactId: conv.contact.id, phone: conv.contact.phone },
      { senderId: actor.userId, caption: input.caption ?? null, automatic: false },
    );
    return sent!;
  }

  return {
    view,
    request,
    /** Sends a request for a room without an actor (automatic requests; other features). */
    send: requests.send,
    /** Provider webhook slot `permissionReply`. */
    applyProviderReply: createPermissionReplies(deps),
    /** Call engine hooks. */
    callHooks,
    expireDue: lifecycle.expireDue,
    onRoomResolved: lifecycle.onRoomResolved,
  };
}

export type PermissionService = ReturnType<typeof createPermissionService>;
