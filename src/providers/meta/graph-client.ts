import type { Logger } from 'pino';
import { AppError } from '../../domain/errors.js';
import type { CallProvider, ChannelCredentials, MessageSender } from '../../app/ports/provider.js';
import { toPermissionState, type RawPermissions } from './call-permissions.js';
import { mapGraphError, type GraphErrorBody } from './graph-errors.js';

export interface GraphClientOptions {
  /** Graph's base URL (config `META_GRAPH_URL`): Meta's in production, the emulator's in demo and tests. */
  baseUrl: string;
  /** API version in the path (config `META_API_VERSION`), e.g. `v23.0`. */
  version: string;
  timeoutMs: number;
  /** Attempts for a request answered 5xx or 429 (the first included). */
  maxAttempts?: number;
  /** Waits before attempt `attempt + 1`; injectable so tests do not sleep. `retryAfterMs` is Meta's Retry-After, if any. */
  backoff?: (attempt: number, retryAfterMs: number | null) => Promise<void>;
  log: Logger;
}

export const defaultBackoff = (attempt: number, retryAfterMs: number | null): Promise<void> =>
  new Promise<void>((r) => setTimeout(r, Math.min(5_000, Math.max(retryAfterMs ?? 0, 200 * 2 ** (attempt - 1)))));

/** Connection errors where the request surely never reached Graph, so even a POST may be sent again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

const retryAfter = (res: Response): number | null => {
  const v = res.headers.get('retry-after');
  return v && /^\d+$/.test(v) ? Number(v) * 1000 : null;
};

/**
 * Meta's Graph API (reference §2): `POST /{phone-number-id}/calls` (connect, pre_accept, accept,
 * reject, terminate), `/messages`, `GET /call_permissions`, `GET|POST /settings`. Errors come back
 * as AppError mapped by Meta's numeric code. 5xx and 429 are retried with backoff; 4xx never are;
 * a POST whose fate is unknown (timeout, reset) is not re-sent, so a call is never placed twice.
 */
export function createGraphClient(opts: GraphClientOptions): CallProvider & MessageSender {
  const maxAttempts = opts.maxAttempts ?? 3;
  const backoff = opts.backoff ?? defaultBackoff;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function request<T>(ch: ChannelCredentials, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${base}/${opts.version}/${path}`;
    const logPath = redactPath(path);
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
        const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        if (attempt < maxAttempts && (method === 'GET' || NOT_SENT.has(code))) {
          await backoff(attempt, null);
          continue;
        }
        opts.log.warn({ code, path: logPath, attempt }, 'graph request failed');
        throw new AppError('PROVIDER_UNAVAILABLE', 'WhatsApp could not be reached.', { provider: 'meta', reason: code });
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: handled like an empty body
      }
      if (res.ok) return json as T;
      if ((res.status >= 500 || res.status === 429) && attempt < maxAttempts) {
        opts.log.info({ status: res.status, path: logPath, attempt }, 'graph request will be retried');
        await backoff(attempt, retryAfter(res));
        continue;
      }
      const err = (json as { error?: GraphErrorBody } | undefined)?.error;
      opts.log.info({ status: res.status, code: err?.code, path: logPath, attempt }, 'graph error');
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
    // Meta's parameter tables say "offer" everywhere; only "answer" works for pre_accept/accept (reference §2.1).
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
