import { adminRoutes } from './admin-api.js';
import { toQuery, type HttpClient } from './http-client.js';
import { supervisorRoutes } from './supervisor-api.js';
import type {
  AgentGroup, Balance, CallDetail, CallPermission, CallRecord, CallSummary, Channel, Conversation, Message, Page, PauseReason,
  Presence, PresenceStatus, TenantSettings, User, WebConfig,
} from './types.js';

export type CallAction = 'accept' | 'reject' | 'hangup' | 'hold' | 'resume';

export interface ConversationQuery {
  status?: 'open' | 'resolved';
  assignee?: 'me' | 'none' | string;
  limit?: number;
  cursor?: string;
}

export interface CallQuery {
  agent_id?: string;
  conversation_id?: string;
  live?: boolean;
  limit?: number;
  cursor?: string;
}

/** Every server route the web app uses, typed. */
export function createApi(http: HttpClient) {
  const r = http.request.bind(http);
  return {
    login: (email: string, password: string) => r<{ token: string; user: User }>('POST', '/api/auth/login', { email, password }),
    logout: () => r<void>('POST', '/api/auth/logout'),
    me: () => r<{ user: User; presence: Presence }>('GET', '/api/me'),
    updateUser: (id: string, patch: { auto_answer?: boolean; locale?: string }) => r<User>('PATCH', `/api/users/${id}`, patch),
    setPresence: (status: PresenceStatus, pauseReasonId?: string) =>
      r<Presence>('PUT', '/api/me/presence', { status, ...(pauseReasonId ? { pause_reason_id: pauseReasonId } : {}) }),
    pauseReasons: () => r<Page<PauseReason>>('GET', '/api/pause-reasons'),
    settings: () => r<TenantSettings>('GET', '/api/settings'),
    webConfig: () => r<WebConfig>('GET', '/api/config'),
    channels: () => r<Page<Channel>>('GET', '/api/channels?limit=500'),
    agentGroups: () => r<Page<AgentGroup>>('GET', '/api/agent-groups?limit=500'),
    users: () => r<Page<User>>('GET', '/api/users?limit=500'),
    balance: () => r<Balance>('GET', '/api/billing/balance'),

    conversations: (q: ConversationQuery = {}) => r<Page<Conversation>>('GET', `/api/conversations${toQuery({ ...q })}`),
    conversation: (id: string) => r<Conversation>('GET', `/api/conversations/${id}`),
    messages: (id: string, limit = 100) => r<Page<Message>>('GET', `/api/conversations/${id}/messages${toQuery({ limit })}`),
    sendMessage: (id: string, text: string) => r<Message>('POST', `/api/conversations/${id}/messages`, { text }),
    updateConversation: (id: string, patch: { assignee_id?: string | null; status?: 'open' | 'resolved' }) =>
      r<Conversation>('PATCH', `/api/conversations/${id}`, patch),
    callPermission: (id: string) => r<CallPermission>('GET', `/api/conversations/${id}/call-permission`),
    requestCallPermission: (id: string, caption: string) => r<unknown>('POST', `/api/conversations/${id}/call-permission-requests`, { caption }),
    placeCall: (id: string) => r<CallSummary>('POST', `/api/conversations/${id}/calls`, {}),

    calls: (q: CallQuery = {}) => r<Page<CallRecord>>('GET', `/api/calls${toQuery({ ...q })}`),
    call: (id: string) => r<CallDetail>('GET', `/api/calls/${id}`),
    callAction: (id: string, action: CallAction) => r<CallSummary>('POST', `/api/calls/${id}/${action}`, {}),
    mute: (id: string, muted: boolean) => r<CallSummary>('POST', `/api/calls/${id}/mute`, { muted }),
    dtmf: (id: string, digits: string) => r<CallSummary>('POST', `/api/calls/${id}/dtmf`, { digits }),
    transfer: (id: string, target: { agent_group_id?: string; agent_id?: string }) => r<CallSummary>('POST', `/api/calls/${id}/transfer`, target),

    ...supervisorRoutes(http),
    ...adminRoutes(http),
  };
}

export type Api = ReturnType<typeof createApi>;
