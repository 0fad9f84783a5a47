/**
 * What the server's HTTP API and WebSocket answer, as the web app reads them. Dates arrive as
 * ISO 8601 strings. Kept by hand next to the zod schemas of `src/http/routes/` (the OpenAPI
 * document at /api/openapi.json is generated from those).
 */

export type Role = 'admin' | 'supervisor' | 'agent';
export type PresenceStatus = 'offline' | 'available' | 'paused' | 'after_call_work';
export type EffectiveStatus = PresenceStatus | 'busy';

export interface User {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  time_zone: string | null;
  auto_answer: boolean;
}

export interface Presence {
  user_id: string;
  status: PresenceStatus;
  effective_status: EffectiveStatus;
  pause_reason_id: string | null;
  pause_reason: string | null;
  status_since: string;
  current_call_id: string | null;
  busy_since: string | null;
  signed_in: boolean;
}

export interface PauseReason {
  id: string;
  name: string;
  system_key: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Channel {
  id: string;
  type: 'whatsapp' | 'voice';
  name: string;
  display_number: string;
  country: string | null;
  phone_number_id: string | null;
  voice_calling_enabled: boolean;
  inbound_enabled: boolean;
  outbound_enabled: boolean;
  transfer_enabled: boolean;
}

export interface AgentGroup {
  id: string;
  name: string;
  members: { user_id: string; name: string; role: string; position: number }[];
}

export interface Contact {
  id: string;
  name: string | null;
  phone: string;
  country: string | null;
}

export interface Conversation {
  id: string;
  channel_id: string;
  contact: Contact;
  status: 'open' | 'resolved';
  assignee_id: string | null;
  window_expires_at: string | null;
  window_open: boolean;
  last_message_at: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface Message {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out' | 'system';
  type: string;
  body: string | null;
  data: Record<string, unknown>;
  status?: string | null;
  sender_id?: string | null;
  call_id: string | null;
  created_at: string;
}

export type CallStatus = 'routing' | 'offering' | 'queued' | 'dialing' | 'ringing' | 'connected' | 'on_hold' | 'voicemail' | 'ended';
export type CallResult = 'answered' | 'unanswered' | 'user_abandon' | 'rejected' | 'missed' | 'failed' | 'voicemail';

/** A call as `call.updated` / `call.ended` and the call actions answer it. */
export interface CallSummary {
  /** Outbound only: the last business calls to this customer went unanswered (think twice). */
  permission_warning?: boolean;
  id: string;
  direction: 'inbound' | 'outbound';
  status: CallStatus;
  result: CallResult | null;
  channel_id: string;
  agent_id: string | null;
  customer_number: string;
  conversation_id: string | null;
  contact_id: string | null;
  offered_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  hold_started_at: string | null;
  talk_seconds: number | null;
  wait_seconds: number | null;
  provider_call_id: string | null;
}

/** A call record (`GET /api/calls`). */
export interface CallRecord extends CallSummary {
  channel_type: 'whatsapp' | 'voice';
  channel_number: string;
  channel_name: string;
  contact_name: string | null;
  agent_name: string | null;
  agent_group_name: string | null;
  created_at: string;
  talk_duration: string | null;
  wait_duration: string | null;
  has_recording: boolean;
  recording_url: string | null;
}

export interface JourneyEntry {
  id: string;
  at: string;
  event: string;
  agent_id: string | null;
  agent_name: string | null;
  description: string;
}

export interface CallDetail extends CallRecord {
  journey: JourneyEntry[];
}

export type PermissionStatus = 'none' | 'temporary' | 'permanent' | 'denied' | 'revoked' | 'expired';

/** `GET /api/conversations/:id/call-permission`: what the room header shows under the customer's name. */
export interface CallPermission {
  status: PermissionStatus;
  expires_at: string | null;
  attempts: { connected_last_24h: number; limit_24h: number; consecutive_unanswered: number };
  last_request_at: string | null;
  pending_request: { id: string; expires_at: string } | null;
  next_request_allowed_at: string | null;
  next_call_allowed_at: string | null;
  warning: 'consecutive_unanswered' | null;
  /** The server's verdict: would Invite to call / Call be accepted now, and if not, why. */
  invite?: PermissionVerdict;
  call?: PermissionVerdict;
}

export interface PermissionVerdict {
  allowed: boolean;
  refusal: { code: string; message: string; details?: Record<string, unknown> | null } | null;
}

export interface TenantSettings {
  time_zone: string;
  ring_timeout_s: number;
  force_auto_answer: boolean;
  hold_auto_retrieve_s: number;
  auto_hangup_s: number;
  permission_request_expiry_h: number;
  business_calls_per_24h: number;
  minimum_balance_minor: number;
}

export interface Balance {
  balance_minor: number;
  currency: string;
  minimum_balance_minor: number;
  below_minimum: boolean;
  top_up_contacts: { id: string; name: string; email: string }[];
}

/** `GET /api/config`: what the web app needs to know about this deployment. */
export interface WebConfig {
  demo: boolean;
  emulator_url: string | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown> | null;
}
