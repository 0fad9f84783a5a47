import { toQuery, type HttpClient } from './http-client.js';
import type { CannedAnswer, Disposition, Tag } from './admin-types.js';
import type { BusinessRecord, BusinessRecordHistoryEntry, BusinessRecordInput } from './record-types.js';
import type { ActivityGrouping, CallActivity, CallSearchBody, MetricsReport, ReportQuery, Wallboard } from './report-types.js';
import type { CallRecord, CallSummary, Page, Presence, PresenceStatus } from './types.js';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** Filters of `GET /api/calls` and `GET /api/calls/export.csv`. */
export interface CallFilters {
  from?: string;
  to?: string;
  channel_id?: string;
  agent_id?: string;
  agent_group_id?: string;
  result?: string;
  direction?: 'inbound' | 'outbound';
  channel_type?: 'whatsapp' | 'voice';
  contact_id?: string;
}

export const exportCsvPath = (f: CallFilters): string => `/api/calls/export.csv${toQuery({ ...f })}`;

/** Routes of the wallboard, the call records, reports, monitoring and business records. */
export function supervisorRoutes(http: HttpClient) {
  const r = http.request.bind(http);
  return {
    presenceList: () => r<Page<Presence>>('GET', '/api/presence'),
    setUserPresence: (userId: string, status: PresenceStatus, pauseReasonId?: string | null) =>
      r<Presence>('PUT', `/api/users/${userId}/presence`, { status, ...(pauseReasonId ? { pause_reason_id: pauseReasonId } : {}) }),
    wallboard: () => r<Wallboard>('GET', '/api/reports/wallboard'),
    metrics: (q: ReportQuery) => r<MetricsReport>('GET', `/api/reports/metrics${toQuery({ ...q })}`),
    callActivity: (q: ReportQuery & { group_by: ActivityGrouping; direction?: 'inbound' | 'outbound' }) =>
      r<CallActivity>('GET', `/api/reports/call-activity${toQuery({ ...q })}`),

    callRecords: (f: CallFilters & { limit?: number; cursor?: string; live?: boolean }) => r<Page<CallRecord>>('GET', `/api/calls${toQuery({ ...f })}`),
    searchCalls: (body: CallSearchBody) => r<Page<CallRecord>>('POST', '/api/calls/search', body),
    /** The CSV of an advanced search (the simple filters download through `exportCsvPath`). */
    exportSearchCsv: (body: Omit<CallSearchBody, 'limit' | 'cursor'>) => http.text('POST', '/api/calls/export.csv', body),

    monitor: (callId: string, mode: MonitorMode | 'stop') => r<{ call_id: string; mode: string; leg_id: string | null }>('POST', `/api/calls/${callId}/monitor`, { mode }),
    /** Calls a contact on a channel (the Callback button of a record); refusals carry the outbound codes. */
    callContact: (contactId: string, channelId: string) => r<CallSummary>('POST', `/api/contacts/${contactId}/calls`, { channel_id: channelId }),

    businessRecord: (callId: string) => r<BusinessRecord>('GET', `/api/calls/${callId}/business-record`),
    saveBusinessRecord: (callId: string, input: BusinessRecordInput) => r<BusinessRecord>('PUT', `/api/calls/${callId}/business-record`, input),
    businessRecordHistory: (callId: string) => r<Page<BusinessRecordHistoryEntry>>('GET', `/api/calls/${callId}/business-record/history?limit=200`),
    tags: () => r<Page<Tag>>('GET', '/api/tags'),
    dispositions: (channelId: string) => r<Page<Disposition>>('GET', `/api/channels/${channelId}/dispositions`),
    cannedAnswers: (q: { channel_id?: string; q?: string; limit?: number }) => r<Page<CannedAnswer>>('GET', `/api/canned-answers${toQuery({ limit: 50, ...q })}`),
  };
}
