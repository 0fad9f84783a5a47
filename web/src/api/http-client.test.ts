import { describe, expect, it, vi } from 'vitest';
import { createHttpClient, toQuery, type FetchLike } from './http-client.js';

const answer = (status: number, body: unknown): ReturnType<FetchLike> =>
  Promise.resolve({ status, ok: status < 400, text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)) });

describe('http client', () => {
  it('sends JSON with the session cookie and reads JSON', async () => {
    const fetch = vi.fn<FetchLike>(() => answer(200, { ok: 1 }));
    const http = createHttpClient({ fetch, baseUrl: 'http://x/' });
    await expect(http.request('POST', '/api/a', { b: 1 })).resolves.toEqual({ ok: 1 });
    expect(fetch).toHaveBeenCalledWith('http://x/api/a', expect.objectContaining({ method: 'POST', body: '{"b":1}', credentials: 'same-origin' }));
  });

  it('turns the error body into an ApiError with the server code and details', async () => {
    const http = createHttpClient({ fetch: () => answer(409, { error: { code: 'NO_CALL_PERMISSION', message: 'no', details: { a: 1 } } }) });
    await expect(http.request('POST', '/api/x')).rejects.toMatchObject({ code: 'NO_CALL_PERMISSION', status: 409, details: { a: 1 } });
  });

  it('tells the app about a 401 and reports network failures', async () => {
    const onUnauthenticated = vi.fn();
    await expect(createHttpClient({ fetch: () => answer(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }), onUnauthenticated }).request('GET', '/api/me'))
      .rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    await expect(createHttpClient({ fetch: () => Promise.reject(new Error('offline')) }).request('GET', '/api/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await expect(createHttpClient({ fetch: () => answer(502, 'not json') }).request('GET', '/api/me')).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });

  it('uploads a raw body with its content type and reads text answers', async () => {
    const fetch = vi.fn<FetchLike>(() => answer(201, { id: 'p1' }));
    const http = createHttpClient({ fetch });
    const audio = new Uint8Array([79, 103, 103, 83]).buffer;
    await expect(http.upload('POST', '/api/prompts?name=Hi', audio, 'audio/ogg')).resolves.toEqual({ id: 'p1' });
    expect(fetch).toHaveBeenCalledWith('/api/prompts?name=Hi', expect.objectContaining({ body: audio, headers: expect.objectContaining({ 'content-type': 'audio/ogg' }) }));
    const csv = createHttpClient({ fetch: () => Promise.resolve({ status: 200, ok: true, text: () => Promise.resolve('id,result\r\n1,answered\r\n') }) });
    await expect(csv.text('POST', '/api/calls/export.csv', { match: 'all', conditions: [] })).resolves.toBe('id,result\r\n1,answered\r\n');
    await expect(createHttpClient({ fetch: () => answer(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'big' } }) }).upload('POST', '/api/prompts', audio, 'audio/ogg'))
      .rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('builds query strings without empty values', () => {
    expect(toQuery({ a: 1, b: undefined, c: '', d: 'x y', e: true })).toBe('?a=1&d=x%20y&e=true');
    expect(toQuery({})).toBe('');
  });
});
