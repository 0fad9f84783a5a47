import type { CustomerMedia } from '../media/customer-media.js';
import type { TimerHandle } from '../clock.js';

/** The `calling` object of `GET|POST /{phone-number-id}/settings` (Meta's shape, kept as sent). */
export type CallingSettings = Record<string, unknown> & {
  status?: 'ENABLED' | 'DISABLED';
  callback_permission_status?: 'ENABLED' | 'DISABLED';
  sip?: { status?: 'ENABLED' | 'DISABLED' } & Record<string, unknown>;
};

export interface ChaosSettings {
  /** Deliver every webhook twice. */
  duplicate?: boolean;
  /** Hold a call's connect webhook until its terminate has been sent (terminate arrives first). */
  reorder?: boolean;
  /** Delay every delivery by this many ms of emulator time. */
  delay_ms?: number;
}

export interface BusinessNumber {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  webhookUrl?: string;
  verifyToken?: string;
  calling: CallingSettings;
  chaos: ChaosSettings;
  /** Connected business-initiated calls allowed per user per rolling 24 h. */
  connectedCallLimit: number;
}

export type AudioSourceSpec =
  | { kind: 'tone'; frequencyHz: number; amplitude?: number }
  | { kind: 'silence' }
  | { kind: 'file'; path: string };

export type AutoPolicy =
  | { mode: 'manual' }
  | { mode: 'answer'; afterMs: number }
  | { mode: 'decline'; afterMs: number }
  | { mode: 'ignore' };

export interface SimUser {
  waId: string;
  name: string;
  policy: AutoPolicy;
  audio: AudioSourceSpec;
}

export type CallState = 'ringing' | 'pre_accepted' | 'connecting' | 'accepted' | 'ended';

export interface Violation {
  type: 'early_media';
  at: number;
  packets: number;
  detail: string;
}

export interface EmuCall {
  id: string;
  direction: 'USER_INITIATED' | 'BUSINESS_INITIATED';
  phoneNumberId: string;
  userWaId: string;
  state: CallState;
  createdAt: number;
  /** When the business's `accept` returned (UIC) or media came up (BIC). */
  acceptedAt?: number;
  answeredAt?: number;
  endedAt?: number;
  endStatus?: 'COMPLETED' | 'FAILED';
  endReason?: string;
  errorCode?: number;
  offerSdp?: string;
  answerSdp?: string;
  preAcceptSdp?: string;
  bizOpaqueCallbackData?: string;
  deeplinkPayload?: string;
  ctaPayload?: string;
  violations: Violation[];
  timers: Partial<Record<'window' | 'ring' | 'auto' | 'silence', TimerHandle>>;
  media?: CustomerMedia;
  /** Business media (RTP or RTCP sender report) seen since the silence check was last armed. */
  mediaSignalsSinceCheck: number;
  lastMediaSignalAt?: number;
  /** performance.now() of the last business media signal. */
  lastMediaSignalRealAt?: number;
}

/** Per business-number + user pair: permission, request and call counters (Meta's rules). */
export interface PairState {
  phoneNumberId: string;
  userWaId: string;
  permission: { kind: 'none' } | { kind: 'temporary'; grantedAt: number; expiresAt: number } | { kind: 'permanent'; grantedAt: number };
  /** Send times of call-permission requests counted against the 24 h / 7 d limits. */
  cprSentAt: number[];
  requests: { wamid: string; sentAt: number; response?: 'accept' | 'reject'; respondedAt?: number }[];
  /** Times business-initiated calls connected (rolling 24 h ceiling). */
  bicConnectedAt: number[];
  consecutiveMisses: number;
  /** Last time the user wrote or called: opens the 24 h customer-service window. */
  lastUserActivityAt?: number;
}

export interface SystemNotice {
  at: number;
  phoneNumberId: string;
  userWaId: string;
  kind: 'reconsider_calls' | 'permission_auto_revoked';
  text: string;
}

export interface MessageRecord {
  id: string;
  direction: 'inbound' | 'outbound';
  phoneNumberId: string;
  userWaId: string;
  at: number;
  type: string;
  /** The Graph request body (outbound) or the webhook message object (inbound). */
  body: Record<string, unknown>;
}
