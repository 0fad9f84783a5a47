import { ApiError, errorFromBody, NETWORK_ERROR } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string | Blob | ArrayBuffer; credentials: 'same-origin' }) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

export interface HttpClient {
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
  /** A raw body (an audio upload) with its content type; the answer is JSON like `request`'s. */
  upload<T>(method: Method, path: string, body: Blob | ArrayBuffer, contentType: string): Promise<T>;
  /** The answer as text (CSV exports); the body, if any, is sent as JSON. */
  text(method: Method, path: string, body?: unknown): Promise<string>;
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

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** JSON over fetch with the session cookie; every failure is an ApiError with the server's code. */
export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '');
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  async function send(method: Method, path: string, body: { data: string | Blob | ArrayBuffer; type: string } | null, accept: string): Promise<string> {
    const headers: Record<string, string> = { accept };
    if (body) headers['content-type'] = body.type;
    let res;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body ? { body: body.data } : {}) });
    } catch {
      throw new ApiError({ code: NETWORK_ERROR, message: 'The server could not be reached.', details: null }, 0);
    }
    const text = await res.text();
    if (!res.ok) {
      if (res.status === 401) opts.onUnauthenticated?.();
      throw errorFromBody(parseJson(text), res.status);
    }
    return text;
  }
  const json = (body: unknown) => (body !== undefined ? { data: JSON.stringify(body), type: 'application/json' } : null);

  return {
    async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
      return parseJson(await send(method, path, json(body), 'application/json')) as T;
    },
    async upload<T>(method: Method, path: string, body: Blob | ArrayBuffer, contentType: string): Promise<T> {
      return parseJson(await send(method, path, { data: body, type: contentType }, 'application/json')) as T;
    },
    text: (method: Method, path: string, body?: unknown) => send(method, path, json(body), 'text/csv, text/plain, */*'),
  };
}
