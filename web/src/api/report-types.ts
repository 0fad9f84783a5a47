/** What the reports API answers (`src/http/routes/reports.ts`, `src/app/reports/*.ts`). */
import type { CallResult, EffectiveStatus } from './types.js';

export interface WallboardAgent {
  user_id: string;
  name: string;
  role: string;
  effective_status: EffectiveStatus;
  status: string;
  pause_reason: string | null;
  /** When the current (effective) status started. */
  since: string;
  seconds_in_status: number;
  current_call_id: string | null;
}

export interface WallboardCall {
  id: string;
  status: string;
  direction: 'inbound' | 'outbound';
  channel_id: string;
  channel_name: string;
  customer_number: string | null;
  contact_name: string | null;
  agent_id: string | null;
  agent_name: string | null;
  agent_group_id: string | null;
  agent_group_name: string | null;
  offered_at: string | null;
  answered_at: string | null;
  seconds: number | null;
  duration: string | null;
}

export interface WallboardToday {
  offered: number;
  answered: number;
  unanswered: number;
  voicemail: number;
  abandoned: number;
  short_abandoned: number;
  service_level_pct: number | null;
  asa_seconds: number | null;
  abandonment_rate_pct: number | null;
  service_level_threshold_s: number;
}

/** `GET /api/reports/wallboard`. */
export interface Wallboard {
  now: string;
  time_zone: string;
  day_start: string;
  agents: WallboardAgent[];
  agents_by_status: Record<EffectiveStatus, number>;
  waiting: WallboardCall[];
  in_progress: WallboardCall[];
  today: WallboardToday;
}

export type ScopeKind = 'tenant' | 'channel' | 'agent_group' | 'agent';

export interface ReportQuery {
  from: string;
  to: string;
  scope?: ScopeKind;
  scope_id?: string;
}

/** `GET /api/reports/metrics`. */
export interface MetricsReport {
  from: string;
  to: string;
  scope: { kind: ScopeKind; id?: string; name: string };
  service_level_threshold_s: number;
  short_abandon_s: number;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  answered_within_threshold: number;
  service_level_pct: number | null;
  asa_seconds: number | null;
  abandonment_rate_pct: number | null;
  aht_seconds: number | null;
  handled: number;
  asa: string | null;
  aht: string | null;
  handle_seconds?: number;
  available_seconds?: number;
  occupancy_pct?: number | null;
}

export type ActivityGrouping = 'agent' | 'agent_group' | 'channel' | 'hour';

export interface ActivityCounts {
  answered: number;
  unanswered: number;
  voicemail: number;
  in_progress: number;
  total: number;
  by_result: Partial<Record<CallResult, number>>;
}

export interface ActivityGroup extends ActivityCounts {
  key: string | null;
  name: string;
}

/** `GET /api/reports/call-activity`. */
export interface CallActivity {
  from: string;
  to: string;
  time_zone: string;
  group_by: ActivityGrouping;
  direction: 'inbound' | 'outbound';
  groups: ActivityGroup[];
  totals: ActivityCounts;
}

export const searchOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in'] as const;
export type SearchOp = (typeof searchOps)[number];

export interface SearchCondition {
  field: string;
  op: SearchOp;
  value: string | number | null | (string | number)[];
}

/** `POST /api/calls/search` (and `POST /api/calls/export.csv`). */
export interface CallSearchBody {
  match: 'all' | 'any';
  conditions: SearchCondition[];
  limit?: number;
  cursor?: string;
}
