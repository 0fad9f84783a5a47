import { toQuery, type HttpClient } from './http-client.js';
import type {
  AgentGroupDetail, CannedAnswer, CannedAnswerInput, ChannelDetail, ChannelPatch, ComplianceList, ComplianceNumber, Disposition,
  LedgerEntry, PauseReasonRecord, Prompt, QueueStrategy, Rate, RingGroup, RingMode, SettingSchema, Tag, UserPatch, UserRecord,
} from './admin-types.js';
import type { Balance, Page, Role, TenantSettings } from './types.js';

/** Routes of the admin console (channels, groups, users, billing, compliance, settings, lists, prompts). */
export function adminRoutes(http: HttpClient) {
  const r = http.request.bind(http);
  return {
    channel: (id: string) => r<ChannelDetail>('GET', `/api/channels/${id}`),
    updateChannel: (id: string, patch: ChannelPatch) => r<ChannelDetail>('PATCH', `/api/channels/${id}`, patch),
    setChannelMembers: (id: string, userIds: string[]) => r<unknown>('PUT', `/api/channels/${id}/members`, { user_ids: userIds }),

    ringGroups: (channelId?: string) => r<Page<RingGroup>>('GET', `/api/ring-groups${toQuery({ limit: 500, channel_id: channelId })}`),
    createRingGroup: (body: { channel_id: string; name: string; mode: RingMode; ring_regardless_of_status?: boolean; member_ids?: string[] }) =>
      r<RingGroup>('POST', '/api/ring-groups', body),
    updateRingGroup: (id: string, patch: { name?: string; mode?: RingMode; ring_regardless_of_status?: boolean }) => r<RingGroup>('PATCH', `/api/ring-groups/${id}`, patch),
    setRingGroupMembers: (id: string, userIds: string[]) => r<RingGroup>('PUT', `/api/ring-groups/${id}/members`, { user_ids: userIds }),
    deleteRingGroup: (id: string) => r<void>('DELETE', `/api/ring-groups/${id}`),

    agentGroupList: () => r<Page<AgentGroupDetail>>('GET', '/api/agent-groups?limit=500'),
    createAgentGroup: (body: { name: string; strategy?: QueueStrategy; wrap_up_seconds?: number; max_wait_seconds?: number; member_ids?: string[] }) =>
      r<AgentGroupDetail>('POST', '/api/agent-groups', body),
    updateAgentGroup: (id: string, patch: { name?: string; strategy?: QueueStrategy; wrap_up_seconds?: number; max_wait_seconds?: number }) =>
      r<AgentGroupDetail>('PATCH', `/api/agent-groups/${id}`, patch),
    setAgentGroupMembers: (id: string, userIds: string[]) => r<AgentGroupDetail>('PUT', `/api/agent-groups/${id}/members`, { user_ids: userIds }),
    deleteAgentGroup: (id: string) => r<void>('DELETE', `/api/agent-groups/${id}`),

    userList: () => r<Page<UserRecord>>('GET', '/api/users?limit=500'),
    createUser: (body: { email: string; name: string; role: Role; password: string; auto_answer?: boolean }) => r<UserRecord>('POST', '/api/users', body),
    patchUser: (id: string, patch: UserPatch) => r<UserRecord>('PATCH', `/api/users/${id}`, patch),

    pauseReasonList: () => r<Page<PauseReasonRecord>>('GET', '/api/pause-reasons'),
    createPauseReason: (name: string) => r<PauseReasonRecord>('POST', '/api/pause-reasons', { name }),
    renamePauseReason: (id: string, name: string) => r<PauseReasonRecord>('PATCH', `/api/pause-reasons/${id}`, { name }),
    deletePauseReason: (id: string) => r<void>('DELETE', `/api/pause-reasons/${id}`),

    rates: () => r<{ currency: string; items: Rate[] }>('GET', '/api/billing/rates'),
    setRates: (rates: Rate[]) => r<{ currency: string; items: Rate[] }>('PUT', '/api/billing/rates', { rates }),
    topUp: (amountMinor: number, note: string | null) => r<unknown>('POST', '/api/billing/top-ups', { amount_minor: amountMinor, ...(note ? { note } : {}) }),
    ledger: (cursor?: string | null) => r<Page<LedgerEntry>>('GET', `/api/billing/ledger${toQuery({ limit: 50, cursor })}`),
    balanceDetail: () => r<Balance & { minimum_top_up_minor: number }>('GET', '/api/billing/balance'),

    complianceNumbers: (list: ComplianceList, cursor?: string | null) => r<Page<ComplianceNumber>>('GET', `/api/compliance/numbers${toQuery({ list, limit: 200, cursor })}`),
    addComplianceNumber: (list: ComplianceList, phoneNumber: string, note: string | null) =>
      r<ComplianceNumber>('POST', '/api/compliance/numbers', { list, phone_number: phoneNumber, ...(note ? { note } : {}) }),
    removeComplianceNumber: (id: string) => r<void>('DELETE', `/api/compliance/numbers/${id}`),
    allowedCountries: () => r<Page<{ country: string }>>('GET', '/api/compliance/countries'),
    setAllowedCountries: (countries: string[]) => r<unknown>('PUT', '/api/compliance/countries', { countries }),

    settingsSchema: () => r<{ items: SettingSchema[] }>('GET', '/api/settings/schema'),
    updateSettings: (patch: Partial<Record<keyof TenantSettings | string, unknown>>) => r<TenantSettings & Record<string, unknown>>('PATCH', '/api/settings', patch),
    settingsValues: () => r<TenantSettings & Record<string, unknown>>('GET', '/api/settings'),

    createTag: (name: string) => r<Tag>('POST', '/api/tags', { name }),
    renameTag: (id: string, name: string) => r<Tag>('PATCH', `/api/tags/${id}`, { name }),
    deleteTag: (id: string) => r<void>('DELETE', `/api/tags/${id}`),
    createDisposition: (channelId: string, name: string) => r<Disposition>('POST', `/api/channels/${channelId}/dispositions`, { name }),
    renameDisposition: (channelId: string, id: string, name: string) => r<Disposition>('PATCH', `/api/channels/${channelId}/dispositions/${id}`, { name }),
    deleteDisposition: (channelId: string, id: string) => r<void>('DELETE', `/api/channels/${channelId}/dispositions/${id}`),

    createCannedAnswer: (body: CannedAnswerInput) => r<CannedAnswer>('POST', '/api/canned-answers', body),
    updateCannedAnswer: (id: string, patch: Partial<Omit<CannedAnswerInput, 'channel_id'>>) => r<CannedAnswer>('PATCH', `/api/canned-answers/${id}`, patch),
    deleteCannedAnswer: (id: string) => r<void>('DELETE', `/api/canned-answers/${id}`),

    prompts: () => r<Page<Prompt>>('GET', '/api/prompts?limit=200'),
    /** Uploads Ogg/Opus audio as the request body; the name travels in the query string. */
    uploadPrompt: (name: string, audio: Blob | ArrayBuffer) => http.upload<Prompt>('POST', `/api/prompts${toQuery({ name })}`, audio, 'audio/ogg'),
    renamePrompt: (id: string, name: string) => r<Prompt>('PATCH', `/api/prompts/${id}`, { name }),
    deletePrompt: (id: string) => r<void>('DELETE', `/api/prompts/${id}`),
  };
}
