import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { createGraphClient, type GraphClientOptions } from '../../../src/providers/meta/graph-client.js';
import { createTestApp } from '../../support/app.js';
import { as, createTenant } from '../../support/fixtures.js';

interface Seen { method: string; path: string; auth: string | undefined; body: unknown }
type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/** A tiny Graph stand-in: records each request and answers from a script (then 200 `{success:true}`). */
async function startStub() {
  const seen: Seen[] = [];
  let script: Answer[] = [];
  const hanging: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
      const next = script.shift() ?? { status: 200, body: { messaging_product: 'whatsapp', success: true, calls: [{ id: 'wacid.STUB' }], messages: [{ id: 'wamid.STUB' }] } };
      if (next === 'hang') {
        hanging.push(req);
        return;
      }
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer(...answers: Answer[]) {
      script = answers;
    },
    reset() {
      seen.length = 0;
      script = [];
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const graphError = (status: number, code: number, message: string) => ({ status, body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'Atrace' } } });
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

describe('Graph client on the wire', () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  const waits: { attempt: number; retryAfterMs: number | null }[] = [];
  const client = (o: Partial<GraphClientOptions> = {}) => createGraphClient({
    baseUrl: `${stub.url}/`, version: 'v19.0', timeoutMs: 5_000, log: pino({ level: 'silent' }),
    backoff: async (attempt, retryAfterMs) => {
      waits.push({ attempt, retryAfterMs });
    },
    ...o,
  });
  const ch = { phoneNumberId: '106540352242922', accessToken: 'EAAG-token' };
  beforeAll(async () => {
    stub = await startStub();
  });
  afterEach(() => {
    stub.reset();
    waits.length = 0;
  });
  afterAll(async () => stub?.close());

  it('sends Meta\'s exact bodies to /{version}/{phone-number-id}/calls with the bearer token', async () => {
    const g = client();
    expect(await g.connect(ch, '+62 812-3456-7890', SDP, 'ticket-42')).toEqual({ providerCallId: 'wacid.STUB' });
    await g.preAccept(ch, 'wacid.A', SDP);
    await g.accept(ch, 'wacid.A', SDP, 'case-7');
    await g.reject(ch, 'wacid.B');
    await g.terminate(ch, 'wacid.A');
    expect(stub.seen.map((s) => [s.method, s.path, s.auth])).toEqual(Array(5).fill(['POST', '/v19.0/106540352242922/calls', 'Bearer EAAG-token']));
    expect(stub.seen.map((s) => s.body)).toEqual([
      { messaging_product: 'whatsapp', to: '6281234567890', action: 'connect', session: { sdp_type: 'offer', sdp: SDP }, biz_opaque_callback_data: 'ticket-42' },
      { messaging_product: 'whatsapp', call_id: 'wacid.A', action: 'pre_accept', session: { sdp_type: 'answer', sdp: SDP } },
      { messaging_product: 'whatsapp', call_id: 'wacid.A', action: 'accept', session: { sdp_type: 'answer', sdp: SDP }, biz_opaque_callback_data: 'case-7' },
      { messaging_product: 'whatsapp', call_id: 'wacid.B', action: 'reject' },
      { messaging_product: 'whatsapp', call_id: 'wacid.A', action: 'terminate' },
    ]);
  });

  it('messages, permissions and settings paths and bodies', async () => {
    const g = client();
    await g.sendText(ch, '+6281234567890', 'Halo');
    await g.sendPermissionRequest(ch, '+6281234567890', 'About order ON-12853');
    await g.sendTemplate(ch, '+6281234567890', 'missed_call_followup', 'id');
    stub.answer({ status: 200, body: { messaging_product: 'whatsapp', permission: { status: 'permanent' }, actions: [] } }, { status: 200, body: { calling: { status: 'ENABLED' } } });
    expect((await g.getCallPermissions(ch, '+6281234567890')).status).toBe('permanent');
    expect(await g.getCallingSettings(ch)).toEqual({ status: 'ENABLED' });
    await g.updateCallingSettings(ch, { status: 'ENABLED', call_icon_visibility: 'DEFAULT' });
    expect(stub.seen.map((s) => [s.method, s.path])).toEqual([
      ['POST', '/v19.0/106540352242922/messages'], ['POST', '/v19.0/106540352242922/messages'], ['POST', '/v19.0/106540352242922/messages'],
      ['GET', '/v19.0/106540352242922/call_permissions?user_wa_id=6281234567890'], ['GET', '/v19.0/106540352242922/settings'], ['POST', '/v19.0/106540352242922/settings'],
    ]);
    expect(stub.seen.map((s) => s.body)).toEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281234567890', type: 'text', text: { body: 'Halo' } },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281234567890', type: 'interactive',
        interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, body: { text: 'About order ON-12853' } } },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281234567890', type: 'template', template: { name: 'missed_call_followup', language: { code: 'id' } } },
      undefined, undefined,
      { calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT' } },
    ]);
  });

  describe('retries: 5xx and 429 only, with injected backoff', () => {
    it('two 500s then success: three requests, two waits', async () => {
      stub.answer({ status: 500, body: { error: { code: 1, message: 'An unknown error occurred' } } }, { status: 502 });
      await client().terminate(ch, 'wacid.A');
      expect(stub.seen).toHaveLength(3);
      expect(waits).toEqual([{ attempt: 1, retryAfterMs: null }, { attempt: 2, retryAfterMs: null }]);
    });

    it('429 honours Retry-After, then succeeds', async () => {
      stub.answer({ status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 613, message: 'Calls to this api have exceeded the rate limit.' } } });
      expect((await client().getCallPermissions(ch, '+6281234567890')).status).toBe('no_permission');
      expect(stub.seen).toHaveLength(2);
      expect(waits).toEqual([{ attempt: 1, retryAfterMs: 3000 }]);
    });

    it('5xx every time: gives up after maxAttempts with PROVIDER_UNAVAILABLE and Meta\'s words', async () => {
      stub.answer(graphError(503, 138004, '(#138004) Connection error'), graphError(503, 138004, '(#138004) Connection error'), graphError(503, 138004, '(#138004) Connection error'));
      const err = await client().connect(ch, '+6281234567890', SDP).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { provider_code: 138004, provider_message: '(#138004) Connection error', http_status: 503 } });
      expect(stub.seen).toHaveLength(3);
      expect(waits).toHaveLength(2);
    });

    it('429 every time ends as PROVIDER_RATE_LIMITED', async () => {
      stub.answer({ status: 429 }, { status: 429 }, { status: 429 });
      await expect(client().sendText(ch, '+6281234567890', 'x')).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
      expect(stub.seen).toHaveLength(3);
    });

    it.each([
      [400, 100, 'PROVIDER_ERROR'], [401, 190, 'PROVIDER_AUTH_FAILED'], [401, 138006, 'NO_CALL_PERMISSION'], [400, 138003, 'DUPLICATE_CALL'],
    ] as const)('a %i (code %i) is not retried → %s', async (status, code, ours) => {
      stub.answer(graphError(status, code, `(#${code}) refused`));
      await expect(client().connect(ch, '+6281234567890', SDP)).rejects.toMatchObject({ code: ours, details: { provider_code: code, provider_message: `(#${code}) refused` } });
      expect(stub.seen).toHaveLength(1);
      expect(waits).toEqual([]);
    });

    it('a connection refused (nothing was sent) is retried; a POST that timed out is not sent twice', async () => {
      const closed = await startStub();
      const deadUrl = closed.url;
      await closed.close();
      const dead = client({ baseUrl: deadUrl });
      await expect(dead.terminate(ch, 'wacid.A')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { reason: 'ECONNREFUSED' } });
      expect(waits).toHaveLength(2);

      waits.length = 0;
      stub.answer('hang');
      await expect(client({ timeoutMs: 300 }).connect(ch, '+6281234567890', SDP)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      expect(stub.seen).toHaveLength(1);
      expect(waits).toEqual([]);
    });
  });

  it('the server uses META_GRAPH_URL and META_API_VERSION from its config', async () => {
    const app = await createTestApp({ env: { META_GRAPH_URL: `${stub.url}/`, META_API_VERSION: 'v21.0' } });
    try {
      const t = await createTenant(app, { agents: 0 });
      const created = await as(app, t.admin).post('/api/channels', {
        name: 'WA', display_number: '+62 21 5000 0042', phone_number_id: '100000000000042', waba_id: '200000000000042', access_token: 'EAAG-config', app_secret: 's',
      });
      expect(created.status).toBe(201);
      stub.answer({ status: 200, body: { calling: { status: 'ENABLED' } } });
      expect((await as(app, t.admin).patch(`/api/channels/${created.body.id}`, { call_icon_visibility: 'DISABLE_ALL' })).status).toBe(200);
      expect(stub.seen.map((s) => [s.method, s.path, s.auth])).toEqual([
        ['GET', '/v21.0/100000000000042/settings', 'Bearer EAAG-config'], ['POST', '/v21.0/100000000000042/settings', 'Bearer EAAG-config'],
      ]);
      expect(stub.seen[1]!.body).toEqual({ calling: { status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL' } });
    } finally {
      await app.stop();
    }
  });
});
