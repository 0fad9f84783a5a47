/**
 * What the admin console reads and writes, as the server answers it (`src/http/routes/*.ts`,
 * `GET /api/openapi.json`). Dates are ISO 8601 strings.
 */
import type { Channel, Role } from './types.js';

export type WeekDay = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** A channel's calling hours in Meta's shape (times HHMM, at most 2 openings a day, at most 20 holidays). */
export interface CallHours {
  status: 'ENABLED' | 'DISABLED';
  timezone_id: string;
  weekly_operating_hours: { day_of_week: WeekDay; open_time: string; close_time: string }[];
  holiday_schedule?: { date: string; start_time: string; end_time: string }[];
}

export type IncomingTarget =
  | { type: 'agent_groups'; agent_group_ids: string[] }
  | { type: 'ring_group'; ring_group_id: string }
  | { type: 'flow'; flow_id: string }
  | { type: 'ai_agent'; url: string };

export const promptRoles = ['queue_entry', 'queue_waiting', 'voicemail', 'hold_music', 'callback_intro'] as const;
export type PromptRole = (typeof promptRoles)[number];
export type ChannelPrompts = Partial<Record<PromptRole, string | null>>;

export interface AnswerRate {
  received: number;
  answered: number;
  rate: number | null;
}

export interface ChannelHealth {
  answer_rate_7d?: number | null;
  answer_rate_30d?: number | null;
  calls_7d?: AnswerRate;
  calls_30d?: AnswerRate;
  restrictions?: { type: string; expiration: string | null; reported_at: string; active?: boolean }[];
  violations?: { type: string; reported_at: string }[];
  meta_calling?: { status: string | null; call_icon_visibility: string | null; callback_permission_status: string | null; reported_at: string };
}

/** `GET /api/channels/:id` (admins also get the verify token). */
export interface ChannelDetail extends Channel {
  waba_id: string | null;
  has_access_token: boolean;
  has_app_secret: boolean;
  verify_token?: string | null;
  webhook_url: string;
  recording_enabled: boolean;
  disposition_mandatory: boolean;
  call_icon_visibility: 'DEFAULT' | 'DISABLE_ALL';
  callback_permission_enabled: boolean;
  call_hours: CallHours | null;
  incoming_target: IncomingTarget | null;
  prompts: ChannelPrompts;
  recontact_template: string | null;
  health: ChannelHealth;
  member_ids: string[];
  created_at: string;
  updated_at: string;
}

/** The calling settings `PATCH /api/channels/:id` takes (any subset). */
export interface ChannelPatch {
  name?: string;
  voice_calling_enabled?: boolean;
  inbound_enabled?: boolean;
  outbound_enabled?: boolean;
  transfer_enabled?: boolean;
  recording_enabled?: boolean;
  disposition_mandatory?: boolean;
  call_icon_visibility?: 'DEFAULT' | 'DISABLE_ALL';
  callback_permission_enabled?: boolean;
  call_hours?: CallHours | null;
  incoming_target?: IncomingTarget | null;
  prompts?: ChannelPrompts;
  recontact_template?: string | null;
}

export type RingMode = 'round_robin' | 'ring_all';

export interface RingGroup {
  id: string;
  channel_id: string;
  name: string;
  mode: RingMode;
  ring_regardless_of_status: boolean;
  members: { user_id: string; name: string; position: number }[];
  created_at: string;
  updated_at: string;
}

export const queueStrategies = ['ring_all', 'round_robin', 'longest_idle', 'fewest_calls', 'random'] as const;
export type QueueStrategy = (typeof queueStrategies)[number];

export interface AgentGroupDetail {
  id: string;
  name: string;
  strategy: QueueStrategy;
  wrap_up_seconds: number;
  max_wait_seconds: number;
  members: { user_id: string; name: string; role: string; position: number }[];
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  time_zone: string | null;
  auto_answer: boolean;
  disabled: boolean;
  created_at: string;
}

export interface UserPatch {
  name?: string;
  email?: string;
  role?: Role;
  password?: string;
  auto_answer?: boolean;
  disabled?: boolean;
  locale?: string;
  time_zone?: string | null;
}

/** One entry of `GET /api/settings/schema`. */
export interface SettingSchema {
  key: string;
  type: 'integer' | 'number' | 'boolean' | 'string';
  default: string | number | boolean;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  description: string;
}

export interface Rate {
  country: string;
  rate_per_minute_minor: number;
}

export interface LedgerEntry {
  id: string;
  kind: 'top_up' | 'call_charge' | 'adjustment';
  amount_minor: number;
  balance_after_minor: number;
  currency: string;
  call_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export const complianceLists = ['do_not_call', 'deny', 'allow'] as const;
export type ComplianceList = (typeof complianceLists)[number];

export interface ComplianceNumber {
  id: string;
  list: ComplianceList;
  phone_number: string;
  country: string | null;
  note: string | null;
  created_at: string;
}

export interface PauseReasonRecord {
  id: string;
  name: string;
  system_key: string | null;
}

export interface Tag {
  id: string;
  name: string;
}

export interface Disposition {
  id: string;
  channel_id: string;
  name: string;
}

export interface CannedAnswer {
  id: string;
  scope: 'general' | 'channel';
  channel_id: string | null;
  channel_name: string | null;
  title: string;
  body: string;
  shortcut: string | null;
}

export interface CannedAnswerInput {
  title: string;
  body: string;
  shortcut?: string | null;
  channel_id?: string | null;
}

export interface Prompt {
  id: string;
  name: string;
  duration_ms: number;
  duration: string | null;
  size_bytes: number;
  audio_url: string;
  used_by: { channel_id: string; channel_name: string; role: PromptRole }[];
  created_at: string;
}
