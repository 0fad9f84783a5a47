import type { z } from 'zod';
import type { ProviderEvent } from '../../app/ports/provider-event.js';
import type { InboundMessage, messageStatusSchema } from './webhook-schema.js';
import { at, plus, type ContactLookup } from './webhook-values.js';

const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;

/**
 * An inbound message (field `messages`): a call-permission reply (interactive
 * `call_permission_reply`, reference §1.7) or a customer message. Media arrive as placeholders
 * (kind, Meta's media id, MIME type, caption): the bytes stay at Meta until fetched.
 */
export function messageEvent(m: InboundMessage, contactName: ContactLookup): { ok: true; event: ProviderEvent } | { ok: false; reason: string } {
  const from = plus(m.from);
  // Contacts are keyed by phone number; a username-only sender (BSUID, no phone) cannot be filed yet.
  if (!from) return { ok: false, reason: m.from_user_id ? 'message from a username-only customer (BSUID without a phone number)' : 'message without a sender' };
  const fromUserId = m.from_user_id ?? null;
  const name = contactName(m.from ?? null, fromUserId);
  const reply = m.interactive?.type === 'call_permission_reply' ? m.interactive.call_permission_reply : undefined;
  if (m.interactive?.type === 'call_permission_reply' && !reply) return { ok: false, reason: 'call_permission_reply without its reply object' };
  if (reply) {
    return {
      ok: true,
      event: {
        kind: 'permission.reply', key: `msg:${m.id}`, at: at(m.timestamp), from, fromUserId, contactName: name, providerMessageId: m.id,
        contextId: m.context?.id ?? null, response: reply.response, permanent: reply.is_permanent === true,
        expiresAt: reply.expiration_timestamp !== undefined ? at(reply.expiration_timestamp) : null,
        source: reply.response_source ?? 'user_action',
      },
    };
  }
  const mediaKind = MEDIA_KINDS.find((k) => m[k]);
  const media = mediaKind ? m[mediaKind]! : null;
  const text =
    m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ??
    (m.location ? `📍 ${m.location.name ?? `${m.location.latitude}, ${m.location.longitude}`}` : null);
  return {
    ok: true,
    event: {
      kind: 'message.received', key: `msg:${m.id}`, at: at(m.timestamp), from, fromUserId, contactName: name, providerMessageId: m.id,
      message: {
        type: m.type, text,
        media: media && mediaKind ? { kind: mediaKind, id: media.id, mime: media.mime_type ?? null, caption: media.caption ?? null } : null,
        contextId: m.context?.id ?? null,
      },
    },
  };
}

/** A delivery receipt (sent / delivered / read / failed) of a message we sent. */
export function messageStatusEvent(s: z.output<typeof messageStatusSchema>): ProviderEvent {
  const status = s.status.toLowerCase();
  return {
    kind: 'message.status', key: `status:${s.id}:${status}`, at: at(s.timestamp), providerMessageId: s.id, status,
    recipient: plus(s.recipient_id), errorCode: s.errors?.[0]?.code ?? null,
  };
}
