import crypto from 'node:crypto';
import type { z } from 'zod';
import type { ProviderEvent, RoutedEvent } from '../../app/ports/provider-event.js';
import {
  accountSettingsUpdateSchema, accountUpdateSchema, callEventSchema, callStatusSchema, changeValueSchema, envelopeSchema,
  inboundMessageSchema, messageStatusSchema, type CallEvent,
} from './webhook-schema.js';

export type ParseResult = { ok: true; events: RoutedEvent[] } | { ok: false; reason: string };

const at = (seconds: number): Date => new Date(seconds * 1000);
const hash = (v: unknown): string => crypto.createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 24);
const plus = (n: string | undefined | null): string | null => (n ? (n.startsWith('+') ? n : `+${n.replace(/[^\d]/g, '')}`) : null);

/**
 * Turns one webhook envelope into provider events, entry by entry and change by change. An item
 * that does not match its documented shape becomes an `unhandled` event (kept, logged, acknowledged)
 * instead of failing the whole batch.
 */
export function parseWebhook(body: unknown, receivedAt: Date): ParseResult {
  const env = envelopeSchema.safeParse(body);
  if (!env.success) return { ok: false, reason: 'not a WhatsApp webhook envelope' };
  if (env.data.object !== 'whatsapp_business_account') return { ok: false, reason: `unexpected object ${env.data.object}` };
  const out: RoutedEvent[] = [];
  for (const entry of env.data.entry) {
    for (const change of entry.changes) {
      const value = changeValueSchema.safeParse(change.value);
      const phoneNumberId = value.success ? (value.data.metadata?.phone_number_id ?? null) : null;
      const push = (event: ProviderEvent) => out.push({ phoneNumberId, wabaId: entry.id, event });
      const unhandled = (reason: string, item: unknown) =>
        push({ kind: 'unhandled', key: `unhandled:${change.field}:${hash(item)}`, at: receivedAt, field: change.field, reason });
      if (!value.success) {
        unhandled('value does not match the documented shape', change.value);
        continue;
      }
      const v = value.data;
      const contactName = (waId: string | null) =>
        v.contacts?.find((c) => (c.wa_id ?? '') === (waId ?? '').replace(/^\+/, ''))?.profile?.name ?? v.contacts?.[0]?.profile?.name ?? null;
      switch (change.field) {
        case 'messages': {
          for (const raw of v.messages ?? []) {
            const m = inboundMessageSchema.safeParse(raw);
            if (!m.success) unhandled('message does not match the documented shape', raw);
            else push(messageEvent(m.data, contactName(m.data.from)));
          }
          for (const raw of v.statuses ?? []) {
            const s = messageStatusSchema.safeParse(raw);
            if (!s.success) unhandled('status does not match the documented shape', raw);
            else push({
              kind: 'message.status', key: `status:${s.data.id}:${s.data.status}`, at: at(s.data.timestamp),
              providerMessageId: s.data.id, status: s.data.status.toLowerCase(), recipient: plus(s.data.recipient_id),
              errorCode: s.data.errors?.[0]?.code ?? null,
            });
          }
          break;
        }
        case 'calls': {
          for (const raw of v.calls ?? []) {
            const c = callEventSchema.safeParse(raw);
            if (!c.success) {
              unhandled('call does not match the documented shape', raw);
              continue;
            }
            const e = callEvent(c.data, v.errors ?? [], contactName);
            if (e) push(e);
            else unhandled(`call event ${c.data.event} is not handled`, raw);
          }
          for (const raw of v.statuses ?? []) {
            const s = callStatusSchema.safeParse(raw);
            if (!s.success) {
              unhandled('call status does not match the documented shape', raw);
              continue;
            }
            const status = s.data.status.toUpperCase();
            push({
              kind: 'call.status', key: `callstatus:${s.data.id}:${status}:${s.data.timestamp}`, at: at(s.data.timestamp),
              providerCallId: s.data.id, rawStatus: status, recipient: plus(s.data.recipient_id),
              status: status === 'RINGING' ? 'ringing' : status === 'ACCEPTED' ? 'accepted' : status === 'REJECTED' ? 'rejected' : 'other',
            });
          }
          break;
        }
        case 'account_settings_update': {
          const s = accountSettingsUpdateSchema.safeParse(v);
          const pnid = s.success ? (s.data.phone_number_settings?.phone_number_id ?? phoneNumberId) : null;
          if (!s.success || !pnid) unhandled('settings update without a phone number', v);
          else push({ kind: 'settings.update', key: `settings:${pnid}:${hash(v)}`, at: receivedAt, phoneNumberId: pnid, calling: s.data.phone_number_settings?.calling ?? {} });
          break;
        }
        case 'account_update': {
          const a = accountUpdateSchema.safeParse(v);
          if (!a.success) unhandled('account update does not match the documented shape', v);
          else push({
            kind: 'account.update', key: `account:${entry.id}:${hash(v)}`, at: receivedAt, event: a.data.event,
            violationType: a.data.violation_info?.violation_type ?? null,
            restrictions: (a.data.restriction_info ?? []).map((r) => ({
              type: r.restriction_type,
              expiration: r.expiration === undefined ? null : new Date(Number(r.expiration) * (Number(r.expiration) < 1e12 ? 1000 : 1)),
            })),
          });
          break;
        }
        default:
          unhandled(`field ${change.field} is not handled`, v);
      }
    }
  }
  return { ok: true, events: out };
}

function messageEvent(m: z.output<typeof inboundMessageSchema>, contactName: string | null): ProviderEvent {
  const reply = m.interactive?.type === 'call_permission_reply' ? m.interactive.call_permission_reply : undefined;
  if (reply) {
    return {
      kind: 'permission.reply', key: `msg:${m.id}`, at: at(m.timestamp), from: plus(m.from)!, contactName, providerMessageId: m.id,
      contextId: m.context?.id ?? null, response: reply.response, permanent: reply.is_permanent === true,
      expiresAt: reply.expiration_timestamp !== undefined ? at(reply.expiration_timestamp) : null,
      source: reply.response_source ?? 'user_action',
    };
  }
  const mediaKind = (['image', 'audio', 'video', 'document', 'sticker'] as const).find((k) => m[k]);
  const media = mediaKind ? (m[mediaKind] as { id: string; mime_type?: string; caption?: string }) : null;
  const text =
    m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ??
    (m.location ? `📍 ${m.location.name ?? `${m.location.latitude}, ${m.location.longitude}`}` : null);
  return {
    kind: 'message.received', key: `msg:${m.id}`, at: at(m.timestamp), from: plus(m.from)!, contactName, providerMessageId: m.id,
    message: {
      type: m.type, text,
      media: media && mediaKind ? { kind: mediaKind, id: media.id, mime: media.mime_type ?? null, caption: media.caption ?? null } : null,
      contextId: m.context?.id ?? null,
    },
  };
}

function sdpOf(c: CallEvent): { type: 'offer' | 'answer'; sdp: string } | null {
  if (c.session) return { type: c.session.sdp_type, sdp: c.session.sdp };
  const legacy = c.connection?.webrtc?.sdp;
  if (!legacy) return null;
  try {
    const wrapped = JSON.parse(legacy) as { sdp?: string; type?: string };
    if (wrapped.sdp) return { type: wrapped.type === 'offer' ? 'offer' : 'answer', sdp: wrapped.sdp };
  } catch {
    // a plain SDP string
  }
  return { type: c.direction === 'BUSINESS_INITIATED' ? 'answer' : 'offer', sdp: legacy };
}

function callEvent(
  c: CallEvent, errors: { code: number; message?: string | undefined }[], contactName: (waId: string | null) => string | null,
): ProviderEvent | null {
  const direction = c.direction === 'USER_INITIATED' ? 'inbound' : c.direction === 'BUSINESS_INITIATED' ? 'outbound' : null;
  const key = `call:${c.id}:${c.event}:${c.timestamp}`;
  if (c.event === 'connect') {
    const s = sdpOf(c);
    if (!s) return null;
    const dir = direction ?? (s.type === 'offer' ? 'inbound' : 'outbound');
    const customer = dir === 'inbound' ? c.from : c.to;
    return {
      kind: 'call.connect', key, at: at(c.timestamp), providerCallId: c.id, direction: dir, from: plus(c.from), to: plus(c.to),
      contactName: contactName(customer ?? null), sdpType: s.type, sdp: s.sdp, opaque: c.biz_opaque_callback_data ?? null,
      payload: c.deeplink_payload ?? c.cta_payload ?? null,
    };
  }
  if (c.event === 'terminate') {
    const status = (c.status ?? '').toUpperCase();
    return {
      kind: 'call.terminate', key, at: at(c.timestamp), providerCallId: c.id, direction, from: plus(c.from), to: plus(c.to),
      status: status === 'COMPLETED' ? 'completed' : status === 'FAILED' ? 'failed' : status === 'REJECTED' ? 'rejected' : 'other',
      startedAt: c.start_time !== undefined ? at(c.start_time) : null,
      endedAt: c.end_time !== undefined ? at(c.end_time) : null,
      durationS: c.duration ?? null,
      errors: errors.map((e) => ({ code: e.code, message: e.message ?? null })),
    };
  }
  return null;
}
