import { ApiError, errorFromBody, NETWORK_ERROR } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; credentials: 'same-origin' }) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

export interface HttpClient {
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  /** Told about every 401, so the app can go back to the sign-in page. */
  onUnauthenticated?: () => void;
}

const query = (q: Record<string, string | number | boolean | undefined | null>): string => {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};
export { query as toQuery };

/** JSON over fetch with the session cookie; every failure is an ApiError with the server's code. */
export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '');
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  return {
    async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res;
      try {
        res = await doFetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch {
        throw new ApiError({ code: NETWORK_ERROR, message: 'The server could not be reached.', details: null }, 0);
      }
      const text = await res.text();
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
      }
      if (!res.ok) {
        if (res.status === 401) opts.onUnauthenticated?.();
        throw errorFromBody(parsed, res.status);
      }
      return parsed as T;
    },
  };
}
