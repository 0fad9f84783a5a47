import type { Logger } from 'pino';
import { AppError } from '../../domain/errors.js';
import type {
  CallProvider, ChannelCredentials, MessageSender, PermissionLimit, ProviderPermissionState,
} from '../../app/ports/provider.js';
import { mapGraphError, type GraphErrorBody } from './graph-errors.js';

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  timeoutMs: number;
  /** Attempts for a request that got a 5xx or 429 (the first included). */
  maxAttempts?: number;
  /** Waits between attempts; injectable so tests do not sleep. */
  backoff?: (attempt: number) => Promise<void>;
  log: Logger;
}

const defaultBackoff = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.min(2000, 100 * 2 ** (attempt - 1))));

/** Meta's Graph API: `POST /{phone-number-id}/calls|messages`, permissions and settings (reference §2). */
export function createGraphClient(opts: GraphClientOptions): CallProvider & MessageSender {
  const maxAttempts = opts.maxAttempts ?? 3;
  const backoff = opts.backoff ?? defaultBackoff;

  async function request<T>(ch: ChannelCredentials, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${opts.baseUrl}/${opts.version}/${path}`;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${ch.accessToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        if (attempt < maxAttempts) {
          await backoff(attempt);
          continue;
        }
        opts.log.warn({ err: (err as Error).message, path: redactPath(path) }, 'graph request failed');
        throw new AppError('PROVIDER_UNAVAILABLE', 'WhatsApp could not be reached.', { provider: 'meta' });
      }
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.ok) return json as T;
      if ((res.status >= 500 || res.status === 429) && attempt < maxAttempts) {
        await backoff(attempt);
        continue;
      }
      const err = (json as { error?: GraphErrorBody } | undefined)?.error;
      opts.log.info({ status: res.status, code: err?.code, path: redactPath(path) }, 'graph error');
      throw mapGraphError(res.status, err);
    }
  }

  const calls = (ch: ChannelCredentials, body: Record<string, unknown>) =>
    request<{ success?: boolean; calls?: { id: string }[] }>(ch, 'POST', `${ch.phoneNumberId}/calls`, { messaging_product: 'whatsapp', ...body });

  const messages = async (ch: ChannelCredentials, to: string, body: Record<string, unknown>) => {
    const res = await request<{ messages?: { id: string }[] }>(ch, 'POST', `${ch.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp', recipient_type: 'individual', to: digits(to), ...body,
    });
    const id = res?.messages?.[0]?.id;
    if (!id) throw new AppError('PROVIDER_ERROR', 'WhatsApp answered without a message id.', { provider: 'meta' });
    return { providerMessageId: id };
  };

  return {
    async connect(ch, to, sdpOffer, opaque) {
      const res = await calls(ch, {
        to: digits(to), action: 'connect', session: { sdp_type: 'offer', sdp: sdpOffer },
        ...(opaque ? { biz_opaque_callback_data: opaque } : {}),
      });
      const id = res?.calls?.[0]?.id;
      if (!id) throw new AppError('PROVIDER_ERROR', 'WhatsApp answered without a call id.', { provider: 'meta' });
      return { providerCallId: id };
    },
    async preAccept(ch, callId, sdp) {
      await calls(ch, { call_id: callId, action: 'pre_accept', session: { sdp_type: 'answer', sdp } });
    },
    async accept(ch, callId, sdp, opaque) {
      await calls(ch, { call_id: callId, action: 'accept', session: { sdp_type: 'answer', sdp }, ...(opaque ? { biz_opaque_callback_data: opaque } : {}) });
    },
    async reject(ch, callId) {
      await calls(ch, { call_id: callId, action: 'reject' });
    },
    async terminate(ch, callId) {
      await calls(ch, { call_id: callId, action: 'terminate' });
    },
    sendText: (ch, to, text) => messages(ch, to, { type: 'text', text: { body: text } }),
    sendPermissionRequest: (ch, to, bodyText) =>
      messages(ch, to, {
        type: 'interactive',
        interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, ...(bodyText ? { body: { text: bodyText } } : {}) },
      }),
    sendTemplate: (ch, to, name, language, components) =>
      messages(ch, to, { type: 'template', template: { name, language: { code: language }, ...(components ? { components } : {}) } }),
    async getCallPermissions(ch, userWaId) {
      const res = await request<RawPermissions>(ch, 'GET', `${ch.phoneNumberId}/call_permissions?user_wa_id=${encodeURIComponent(digits(userWaId))}`);
      return toPermissionState(res);
    },
    async getCallingSettings(ch) {
      const res = await request<{ calling?: Record<string, unknown> }>(ch, 'GET', `${ch.phoneNumberId}/settings`);
      return res?.calling ?? {};
    },
    async updateCallingSettings(ch, calling) {
      await request(ch, 'POST', `${ch.phoneNumberId}/settings`, { calling });
    },
  };
}

/** Graph wants E.164 digits without the plus. */
const digits = (phone: string): string => phone.replace(/[^\d]/g, '');

const redactPath = (p: string): string => p.replace(/user_wa_id=[^&]+/, 'user_wa_id=…');

interface RawLimit { time_period: string; max_allowed: number; current_usage: number; limit_expiration_time?: number }
interface RawPermissions {
  permission?: { status?: string; expiration_time?: number };
  actions?: { action_name: string; can_perform_action: boolean; limits?: RawLimit[] }[];
}

function toPermissionState(raw: RawPermissions): ProviderPermissionState {
  const status = (raw?.permission?.status ?? 'no_permission').toLowerCase();
  const limits = (name: string): PermissionLimit[] =>
    (raw?.actions?.find((a) => a.action_name === name)?.limits ?? []).map((l) => ({
      period: l.time_period, maxAllowed: l.max_allowed, currentUsage: l.current_usage,
      limitExpiresAt: l.limit_expiration_time ? new Date(l.limit_expiration_time * 1000) : null,
    }));
  return {
    status: status === 'temporary' || status === 'permanent' ? status : 'no_permission',
    expiresAt: raw?.permission?.expiration_time ? new Date(raw.permission.expiration_time * 1000) : null,
    canRequest: raw?.actions?.find((a) => a.action_name === 'send_call_permission_request')?.can_perform_action ?? false,
    canCall: raw?.actions?.find((a) => a.action_name === 'start_call')?.can_perform_action ?? false,
    requestLimits: limits('send_call_permission_request'),
    callLimits: limits('start_call'),
  };
}
