import type { ColumnType, Generated } from 'kysely';
import type { PresenceStatus, Role } from '../../domain/people.js';
import type { Json, JsonNullable } from './json.js';

export type { PresenceStatus, Role };

type Timestamp = ColumnType<Date, Date, Date>;
type TimestampNullable = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface TenantsTable {
  id: string;
  name: string;
  currency: Generated<string>;
  settings: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  auto_answer: Generated<boolean>;
  locale: Generated<string>;
  time_zone: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuthTokensTable {
  token_hash: string;
  tenant_id: string;
  user_id: string;
  kind: 'session' | 'api';
  name: string | null;
  created_at: Timestamp;
  expires_at: TimestampNullable;
  last_used_at: TimestampNullable;
  revoked_at: TimestampNullable;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  address: string;
  at: Timestamp;
}

export interface PauseReasonsTable {
  id: string;
  tenant_id: string;
  name: string;
  system_key: string | null;
  created_at: Timestamp;
}

export type QueueStrategy = 'ring_all' | 'round_robin' | 'longest_idle' | 'fewest_calls' | 'random';

export interface AgentGroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  strategy: QueueStrategy;
  wrap_up_seconds: Generated<number>;
  max_wait_seconds: Generated<number>;
  rr_pointer: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentGroupMembersTable {
  group_id: string;
  user_id: string;
  tenant_id: string;
  position: Generated<number>;
}

export type IncomingTarget =
  | { type: 'agent_groups'; agent_group_ids: string[] }
  | { type: 'ring_group'; ring_group_id: string }
  | { type: 'flow'; flow_id: string }
  | { type: 'ai_agent'; url: string };

export interface ChannelPrompts {
  queue_entry?: string | null;
  queue_waiting?: string | null;
  voicemail?: string | null;
  hold_music?: string | null;
  callback_intro?: string | null;
}

export interface CallHours {
  status: 'ENABLED' | 'DISABLED';
  timezone_id: string;
  weekly_operating_hours: { day_of_week: string; open_time: string; close_time: string }[];
  holiday_schedule?: { date: string; start_time: string; end_time: string }[];
}

export interface ChannelHealth {
  answer_rate_7d?: number | null;
  answer_rate_30d?: number | null;
  restrictions?: { type: string; expiration: string | null; reported_at: string }[];
  violations?: { type: string; reported_at: string }[];
}

export interface ChannelsTable {
  id: string;
  tenant_id: string;
  type: Generated<'whatsapp' | 'voice'>;
  name: string;
  display_number: string;
  country: string | null;
  phone_number_id: string | null;
  waba_id: string | null;
  access_token: string | null;
  app_secret: string | null;
  verify_token: string | null;
  voice_calling_enabled: Generated<boolean>;
  inbound_enabled: Generated<boolean>;
  outbound_enabled: Generated<boolean>;
  transfer_enabled: Generated<boolean>;
  recording_enabled: Generated<boolean>;
  disposition_mandatory: Generated<boolean>;
  call_icon_visibility: Generated<'DEFAULT' | 'DISABLE_ALL'>;
  callback_permission_enabled: Generated<boolean>;
  call_hours: JsonNullable<CallHours>;
  incoming_target: JsonNullable<IncomingTarget>;
  prompts: Json<ChannelPrompts>;
  recontact_template: string | null;
  health: Json<ChannelHealth>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  tenant_id: string;
}

export interface RingGroupsTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  name: string;
  mode: 'round_robin' | 'ring_all';
  ring_regardless_of_status: Generated<boolean>;
  rr_pointer: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RingGroupMembersTable {
  ring_group_id: string;
  channel_id: string;
  user_id: string;
  tenant_id: string;
  position: number;
}

export interface ContactsTable {
  id: string;
  tenant_id: string;
  phone_e164: string;
  country: string | null;
  name: string | null;
  wa_id: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentPresenceTable {
  user_id: string;
  tenant_id: string;
  status: PresenceStatus;
  pause_reason_id: string | null;
  status_since: Timestamp;
  current_call_id: string | null;
  busy_since: TimestampNullable;
  missed_in_row: Generated<number>;
  last_call_ended_at: TimestampNullable;
  available_since: TimestampNullable;
}

export interface PresenceHistoryTable {
  id: Generated<number>;
  tenant_id: string;
  user_id: string;
  status: string;
  pause_reason_id: string | null;
  source: string;
  changed_by: string | null;
  at: Timestamp;
}

export interface DeskConnectionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  instance_id: string;
  connected_at: Timestamp;
}

export interface InstancesTable {
  id: string;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
}

export interface TimersTable {
  id: string;
  tenant_id: string | null;
  kind: string;
  key: string;
  due_at: Timestamp;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  locked_until: TimestampNullable;
  last_error: string | null;
  created_at: Timestamp;
}

export interface FoundationTables {
  tenants: TenantsTable;
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  login_failures: LoginFailuresTable;
  pause_reasons: PauseReasonsTable;
  agent_groups: AgentGroupsTable;
  agent_group_members: AgentGroupMembersTable;
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  ring_groups: RingGroupsTable;
  ring_group_members: RingGroupMembersTable;
  contacts: ContactsTable;
  agent_presence: AgentPresenceTable;
  presence_history: PresenceHistoryTable;
  desk_connections: DeskConnectionsTable;
  instances: InstancesTable;
  timers: TimersTable;
}
