import type { ProviderEvent } from '../../app/ports/provider-event.js';
import type { CallEvent, CallStatus } from './webhook-schema.js';
import { at, plus, type ContactLookup } from './webhook-values.js';

type Direction = 'inbound' | 'outbound';

const directionOf = (d: string | undefined): Direction | null => {
  const v = (d ?? '').toUpperCase();
  return v === 'USER_INITIATED' ? 'inbound' : v === 'BUSINESS_INITIATED' ? 'outbound' : null;
};

/**
 * The call's SDP: `session` (current), else the deprecated `connection.webrtc.sdp`, which the 2024
 * sample wraps as a JSON `{"sdp","type"}` string. Without a type, a business-initiated call carries
 * Meta's answer and a user call Meta's offer.
 */
export function sdpOf(c: CallEvent): { type: 'offer' | 'answer'; sdp: string } | null {
  if (c.session) return { type: c.session.sdp_type, sdp: c.session.sdp };
  const legacy = c.connection?.webrtc?.sdp;
  if (!legacy) return null;
  const fallback = directionOf(c.direction) === 'outbound' ? 'answer' : 'offer';
  if (legacy.trimStart().startsWith('{')) {
    try {
      const wrapped = JSON.parse(legacy) as { sdp?: unknown; type?: unknown };
      if (typeof wrapped.sdp === 'string' && wrapped.sdp.length > 0) {
        const type = String(wrapped.type ?? '').toLowerCase();
        return { type: type === 'offer' || type === 'answer' ? type : fallback, sdp: wrapped.sdp };
      }
    } catch {
      // not JSON after all: a plain SDP string
    }
  }
  return { type: fallback, sdp: legacy };
}

/** `calls[]` item → connect / terminate event, or a reason it is not one we handle. */
export function callEvent(
  c: CallEvent, errors: { code: number; message?: string | undefined }[], contactName: ContactLookup,
): { ok: true; event: ProviderEvent } | { ok: false; reason: string } {
  const direction = directionOf(c.direction);
  const key = `call:${c.id}:${c.event}`;
  const ids = { fromUserId: c.from_user_id ?? null, toUserId: c.to_user_id ?? null };
  const opaque = c.biz_opaque_callback_data ?? null;
  const payload = c.deeplink_payload ?? c.cta_payload ?? null;
  if (c.event === 'connect') {
    const s = sdpOf(c);
    if (!s) return { ok: false, reason: 'call connect without an SDP' };
    const dir = direction ?? (s.type === 'offer' ? 'inbound' : 'outbound');
    const customer = dir === 'inbound' ? { phone: c.from, userId: c.from_user_id } : { phone: c.to, userId: c.to_user_id };
    return {
      ok: true,
      event: {
        kind: 'call.connect', key, at: at(c.timestamp), providerCallId: c.id, direction: dir, from: plus(c.from), to: plus(c.to), ...ids,
        contactName: contactName(customer.phone ?? null, customer.userId ?? null), sdpType: s.type, sdp: s.sdp, opaque, payload,
      },
    };
  }
  if (c.event === 'terminate') {
    const status = (c.status ?? '').toUpperCase();
    return {
      ok: true,
      event: {
        kind: 'call.terminate', key, at: at(c.timestamp), providerCallId: c.id, direction, from: plus(c.from), to: plus(c.to), ...ids, opaque, payload,
        status: status === 'COMPLETED' ? 'completed' : status === 'FAILED' ? 'failed' : status === 'REJECTED' ? 'rejected' : 'other',
        startedAt: c.start_time !== undefined ? at(c.start_time) : null,
        endedAt: c.end_time !== undefined ? at(c.end_time) : null,
        durationS: c.duration ?? null,
        errors: errors.map((e) => ({ code: e.code, message: e.message ?? null })),
      },
    };
  }
  return { ok: false, reason: `call event ${c.event} is not handled` };
}

/** `statuses[]` item on field `calls` (business-initiated calls only): RINGING / ACCEPTED / REJECTED. */
export function callStatusEvent(s: CallStatus): ProviderEvent {
  const status = s.status.toUpperCase();
  return {
    kind: 'call.status', key: `callstatus:${s.id}:${status}`, at: at(s.timestamp), providerCallId: s.id, rawStatus: status,
    recipient: plus(s.recipient_id), recipientUserId: s.recipient_user_id ?? null, opaque: s.biz_opaque_callback_data ?? null,
    status: status === 'RINGING' ? 'ringing' : status === 'ACCEPTED' ? 'accepted' : status === 'REJECTED' ? 'rejected' : 'other',
  };
}
