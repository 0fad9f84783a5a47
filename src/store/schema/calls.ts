import type { ColumnType, Generated } from 'kysely';
import type { CallResult, CallStatus } from '../../domain/calls/call-state.js';
import type { Json } from './json.js';

type Timestamp = ColumnType<Date, Date, Date>;
type TimestampNullable = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface WebhookEventsTable {
  id: string;
  provider: Generated<string>;
  event_key: string;
  tenant_id: string | null;
  channel_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  received_at: Timestamp;
  applied_at: TimestampNullable;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface ConversationsTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  contact_id: string;
  status: Generated<'open' | 'resolved'>;
  assignee_id: string | null;
  window_expires_at: TimestampNullable;
  last_message_at: TimestampNullable;
  last_inbound_at: TimestampNullable;
  created_at: Timestamp;
  resolved_at: TimestampNullable;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  direction: 'in' | 'out' | 'system';
  type: string;
  body: string | null;
  data: Json<Record<string, unknown>>;
  provider_message_id: string | null;
  status: string | null;
  sender_id: string | null;
  call_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CallStatusColumn = CallStatus;
export type CallResultColumn = CallResult;

export interface CallsTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  channel_type: Generated<'whatsapp' | 'voice'>;
  direction: 'inbound' | 'outbound';
  provider_call_id: string | null;
  contact_id: string | null;
  conversation_id: string | null;
  customer_number: string | null;
  channel_number: string | null;
  status: CallStatusColumn;
  result: CallResultColumn | null;
  ended_by: string | null;
  end_reason: string | null;
  agent_id: string | null;
  agent_group_id: string | null;
  ring_group_id: string | null;
  tier: string | null;
  state: Json<Record<string, unknown>>;
  provider_sdp: string | null;
  media_instance: string | null;
  provider_accepted: Generated<boolean>;
  offered_at: TimestampNullable;
  answered_at: TimestampNullable;
  ended_at: TimestampNullable;
  hold_started_at: TimestampNullable;
  hold_seconds: Generated<number>;
  talk_seconds: number | null;
  wait_seconds: number | null;
  wrap_up_seconds: number | null;
  cost_minor: number | null;
  currency: string | null;
  recording_path: string | null;
  failure_code: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OfferStatus = 'ringing' | 'accepted' | 'rejected' | 'missed' | 'cancelled' | 'taken' | 'transferred';

export interface CallOffersTable {
  id: string;
  tenant_id: string;
  call_id: string;
  agent_id: string;
  round: Generated<number>;
  status: OfferStatus;
  offered_at: Timestamp;
  deadline_at: Timestamp;
  responded_at: TimestampNullable;
}

export interface CallJourneyTable {
  id: Generated<number>;
  tenant_id: string;
  call_id: string;
  at: Timestamp;
  event: string;
  agent_id: string | null;
  description: string;
  data: Json<Record<string, unknown>>;
}

export interface CallPermissionsTable {
  tenant_id: string;
  channel_id: string;
  contact_id: string;
  state: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface CallTables {
  webhook_events: WebhookEventsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  calls: CallsTable;
  call_offers: CallOffersTable;
  call_journey: CallJourneyTable;
  call_permissions: CallPermissionsTable;
}
