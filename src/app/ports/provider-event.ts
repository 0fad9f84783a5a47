/**
 * Provider events in our own words: what the app applies. The Meta parser produces them from
 * webhooks; each has a unique `key` under which it is stored before it is applied.
 */
export type ProviderEvent =
  | { kind: 'message.received'; key: string; at: Date; from: string; fromUserId?: string | null; contactName: string | null; providerMessageId: string;
      message: { type: string; text: string | null; media: { kind: string; id: string; mime: string | null; caption: string | null } | null; contextId: string | null } }
  | { kind: 'message.status'; key: string; at: Date; providerMessageId: string; status: string; recipient: string | null; errorCode: number | null }
  | { kind: 'permission.reply'; key: string; at: Date; from: string; fromUserId?: string | null; contactName: string | null; providerMessageId: string; contextId: string | null;
      response: 'accept' | 'reject'; permanent: boolean; expiresAt: Date | null; source: 'user_action' | 'automatic' }
  | { kind: 'call.connect'; key: string; at: Date; providerCallId: string; direction: 'inbound' | 'outbound'; from: string | null; to: string | null;
      fromUserId?: string | null; toUserId?: string | null; contactName: string | null; sdpType: 'offer' | 'answer'; sdp: string; opaque: string | null; payload: string | null }
  | { kind: 'call.status'; key: string; at: Date; providerCallId: string; status: 'ringing' | 'accepted' | 'rejected' | 'other'; rawStatus: string; recipient: string | null;
      recipientUserId?: string | null; opaque?: string | null }
  | { kind: 'call.terminate'; key: string; at: Date; providerCallId: string; direction: 'inbound' | 'outbound' | null; from: string | null; to: string | null;
      fromUserId?: string | null; toUserId?: string | null; opaque?: string | null; payload?: string | null; status: 'completed' | 'failed' | 'rejected' | 'other'; startedAt: Date | null; endedAt: Date | null; durationS: number | null;
      errors: { code: number; message: string | null }[] }
  | { kind: 'settings.update'; key: string; at: Date; phoneNumberId: string; calling: Record<string, unknown> }
  | { kind: 'account.update'; key: string; at: Date; event: string; phoneNumber?: string | null; violationType: string | null;
      restrictions: { type: string; expiration: Date | null }[] }
  | { kind: 'unhandled'; key: string; at: Date; field: string; reason: string };

export type ProviderEventKind = ProviderEvent['kind'];

/**
 * One change of a webhook, tied to the business number (or WABA) it concerns. Account events
 * carry no phone_number_id, only the business number's digits (`displayNumber`).
 */
export interface RoutedEvent {
  phoneNumberId: string | null;
  wabaId: string;
  displayNumber?: string | null;
  event: ProviderEvent;
}
