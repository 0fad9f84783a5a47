import type { BusinessNumber, EmuCall, SimUser } from '../state/types.js';

/** Builders for Meta's webhook payloads (object `whatsapp_business_account`). Timestamps are decimal strings of seconds. */
export type WebhookField = 'messages' | 'calls' | 'account_settings_update' | 'account_update';

export interface WebhookPayload {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: WebhookField; value: Record<string, unknown> }[] }[];
}

export const ts = (ms: number): string => String(Math.floor(ms / 1000));

export function envelope(number: BusinessNumber, field: WebhookField, value: Record<string, unknown>): WebhookPayload {
  return { object: 'whatsapp_business_account', entry: [{ id: number.wabaId, changes: [{ field, value }] }] };
}

const metadata = (number: BusinessNumber) => ({
  display_phone_number: number.displayPhoneNumber.replace(/\D/g, ''),
  phone_number_id: number.phoneNumberId,
});

const contact = (user: SimUser) => ({ profile: { name: user.name }, wa_id: user.waId });

/** Call endpoints: for user calls from = user, to = business; for business calls the reverse. */
function ends(number: BusinessNumber, call: EmuCall) {
  const biz = number.displayPhoneNumber.replace(/\D/g, '');
  return call.direction === 'USER_INITIATED' ? { from: call.userWaId, to: biz } : { from: biz, to: call.userWaId };
}

function payloadFields(call: EmuCall): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (call.bizOpaqueCallbackData !== undefined) out.biz_opaque_callback_data = call.bizOpaqueCallbackData;
  if (call.deeplinkPayload !== undefined) out.deeplink_payload = call.deeplinkPayload;
  if (call.ctaPayload !== undefined) out.cta_payload = call.ctaPayload;
  return out;
}

export function callConnect(number: BusinessNumber, user: SimUser, call: EmuCall, now: number, sdp: string): WebhookPayload {
  const userInitiated = call.direction === 'USER_INITIATED';
  return envelope(number, 'calls', {
    messaging_product: 'whatsapp',
    metadata: metadata(number),
    contacts: [contact(user)],
    calls: [
      {
        id: call.id,
        ...ends(number, call),
        event: 'connect',
        timestamp: ts(now),
        direction: call.direction,
        ...payloadFields(call),
        session: { sdp_type: userInitiated ? 'offer' : 'answer', sdp },
      },
    ],
  });
}

export interface CallError {
  code: number;
  message: string;
  details: string;
}

export function callTerminate(number: BusinessNumber, user: SimUser, call: EmuCall, now: number, error?: CallError): WebhookPayload {
  const entry: Record<string, unknown> = {
    id: call.id,
    ...ends(number, call),
    event: 'terminate',
    direction: call.direction,
    ...payloadFields(call),
    timestamp: ts(now),
    status: call.endStatus ?? 'FAILED',
  };
  if (call.acceptedAt !== undefined && call.endedAt !== undefined) {
    entry.start_time = ts(call.acceptedAt);
    entry.end_time = ts(call.endedAt);
    entry.duration = Math.max(0, Math.floor(call.endedAt / 1000) - Math.floor(call.acceptedAt / 1000));
  }
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: metadata(number),
    contacts: [contact(user)],
    calls: [entry],
  };
  if (error) {
    value.errors = [
      { code: error.code, message: error.message, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/', error_data: { details: error.details } },
    ];
  }
  return envelope(number, 'calls', value);
}

export function callStatus(number: BusinessNumber, call: EmuCall, now: number, status: 'RINGING' | 'ACCEPTED' | 'REJECTED'): WebhookPayload {
  const entry: Record<string, unknown> = { id: call.id, timestamp: ts(now), type: 'call', status, recipient_id: call.userWaId };
  if (call.bizOpaqueCallbackData !== undefined) entry.biz_opaque_callback_data = call.bizOpaqueCallbackData;
  return envelope(number, 'calls', { messaging_product: 'whatsapp', metadata: metadata(number), statuses: [entry] });
}

export function inboundMessage(number: BusinessNumber, user: SimUser, message: Record<string, unknown>): WebhookPayload {
  return envelope(number, 'messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(number),
    contacts: [contact(user)],
    messages: [message],
  });
}

export function messageStatus(
  number: BusinessNumber,
  wamid: string,
  userWaId: string,
  now: number,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  category: string,
): WebhookPayload {
  return envelope(number, 'messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(number),
    statuses: [
      {
        id: wamid,
        status,
        timestamp: ts(now),
        recipient_id: userWaId,
        pricing: { billable: true, pricing_model: 'PMP', category, type: 'regular' },
      },
    ],
  });
}

export function settingsUpdate(number: BusinessNumber): WebhookPayload {
  return envelope(number, 'account_settings_update', {
    type: 'phone_number_settings',
    phone_number_settings: { phone_number_id: number.phoneNumberId, calling: number.calling },
  });
}

export function accountUpdate(number: BusinessNumber, value: Record<string, unknown>): WebhookPayload {
  return envelope(number, 'account_update', { phone_number: number.displayPhoneNumber.replace(/\D/g, ''), ...value });
}
