import { ApiError, NETWORK_ERROR } from './api-error.js';

/** A call as the emulator's control API shows it (only the fields the demo panel reads). */
export interface EmulatorCall {
  id: string;
  direction: 'USER_INITIATED' | 'BUSINESS_INITIATED' | string;
  state: 'ringing' | 'pre_accepted' | 'connecting' | 'accepted' | 'ended' | string;
  user_wa_id?: string;
  from?: string;
  to?: string;
}

export type PolicyMode = 'manual' | 'ignore' | 'answer' | 'decline';

type FetchFn = (input: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * The Meta emulator's control API (`/control/`, CORS open), used by the demo panel to play the
 * customer: messages, calls, answers and permission replies.
 */
export function createEmulatorClient(baseUrl: string, doFetch: FetchFn = (i, init) => fetch(i, init)) {
  const base = `${baseUrl.replace(/\/$/, '')}/control`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError({ code: NETWORK_ERROR, message: `The emulator at ${baseUrl} could not be reached.`, details: null }, 0);
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const e = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError({ code: e?.code ?? 'emulator_error', message: e?.message ?? `Emulator answered ${res.status}.`, details: null }, res.status);
    }
    return parsed as T;
  }
  return {
    sendMessage: (from: string, to: string, text: string) => call<unknown>('POST', '/messages', { from, to, text }),
    placeCall: (from: string, to: string, opts: { name?: string; silent?: boolean; toneHz?: number }) =>
      call<EmulatorCall>('POST', '/calls', {
        from, to, ...(opts.name ? { name: opts.name } : {}),
        audio: opts.silent ? { kind: 'silence' } : { kind: 'tone', frequency_hz: opts.toneHz ?? 440 },
      }),
    activeCalls: (user: string) => call<EmulatorCall[]>('GET', `/calls?active=true&user=${encodeURIComponent(user.replace(/\D/g, ''))}`),
    hangup: (id: string) => call<EmulatorCall>('POST', `/calls/${encodeURIComponent(id)}/hangup`, {}),
    answer: (id: string) => call<EmulatorCall>('POST', `/calls/${encodeURIComponent(id)}/answer`, {}),
    decline: (id: string) => call<EmulatorCall>('POST', `/calls/${encodeURIComponent(id)}/decline`, {}),
    setPolicy: (user: string, mode: PolicyMode) => call<unknown>('PUT', `/users/${encodeURIComponent(user.replace(/\D/g, ''))}/policy`, { mode }),
    grant: (from: string, to: string, permanent: boolean) => call<unknown>('POST', '/permissions/grant', { from, to, permanent }),
    deny: (from: string, to: string) => call<unknown>('POST', '/permissions/deny', { from, to }),
  };
}

export type EmulatorClient = ReturnType<typeof createEmulatorClient>;
