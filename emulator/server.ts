import Fastify, { type FastifyError } from 'fastify';
import { createEmulatorClock, type ClockMode } from './clock.js';
import { createControlApi, type ControlApi } from './control/control-api.js';
import { ControlError } from './control/control-error.js';
import { registerControlRoutes } from './control/control-routes.js';
import type { PhoneNumberInput } from './control/control-schemas.js';
import type { Engine } from './engine.js';
import { GraphError } from './graph/graph-error.js';
import { registerGraphRoutes } from './graph/graph-routes.js';
import { silentLogger, type Logger } from './logger.js';
import { createStore } from './state/store.js';
import { createWebhookSender } from './webhooks/sender.js';

export type { ControlApi, CallView, AudioView, PhoneNumberView, UserView, PairView, MessageView, ClockView } from './control/control-api.js';
export type { PhoneNumberInput, PlaceCallInput, PermissionInput, UserInput, AudioInput, PolicyInput } from './control/control-schemas.js';
export type { DeliveryAttempt } from './webhooks/sender.js';
export type { Logger } from './logger.js';
export { ControlError } from './control/control-error.js';

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. Default 3001. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** 'real' (default): timers fire in real time. 'manual': nothing time-based happens until clock.advance(). */
  clock?: ClockMode;
  /** Starting time of the emulator clock (default: now). */
  startTime?: Date | number;
  /** Meta's window for the business to pre_accept/accept a user call. Default 45 000 ms. */
  acceptWindowMs?: number;
  /** How long the user's phone rings for a business call. Default 45 000 ms. */
  bicRingTimeoutMs?: number;
  /** No business media for this long after accept → terminate FAILED 138021. Default 20 000 ms. */
  startSilenceMs?: number;
  /** No business media for this long mid-call → terminate FAILED 138021. Default 30 000 ms. */
  midCallSilenceMs?: number;
  /** A business call the user answered whose media never connects ends after this (138007). Default 20 000 ms. */
  bicConnectTimeoutMs?: number;
  /** Business media seen within this many real ms counts as flowing at a silence check. Default 1000. */
  liveMediaGraceMs?: number;
  /** Enforce the media-silence rules. Default true. */
  mediaTimeouts?: boolean;
  /** Address of the customer's host ICE candidates. Default 127.0.0.1. */
  mediaAddress?: string;
  /** Seconds of decoded PCM each customer keeps for analysis. Default 10. */
  audioKeepSeconds?: number;
  /** Decode received audio for tone analysis. Default true; false keeps counters only (cheaper for load tests). */
  decodeAudio?: boolean;
  /** Connected business-initiated calls per user per 24 h (Meta: 100). */
  connectedCallLimit?: number;
  /** Delays between webhook retries (emulator ms); the first retry is immediate. */
  webhookRetryDelaysMs?: number[];
  /** Real-time HTTP timeout of one webhook delivery. Default 10 000 ms. */
  webhookTimeoutMs?: number;
  logger?: Logger;
  /** Business numbers to register at start (same fields as PUT /control/phone-numbers/:id). */
  phoneNumbers?: (PhoneNumberInput & { phone_number_id: string })[];
}

export interface Emulator {
  url: string;
  /** `url + '/v23.0'`: point a Graph client here. */
  graphBaseUrl: string;
  clock: { now(): Date; advance(ms: number): Promise<void>; set(date: Date | number): Promise<void> };
  /** Resolves when every due webhook delivery and timer has run. */
  flush(): Promise<void>;
  control: ControlApi;
  close(): Promise<void>;
}

/** The demo channel of `npm start` (ARCHITECTURE.md, "Conventions other tools rely on"). */
export const DEMO_CHANNEL = {
  phone_number_id: '100000000000001',
  display_phone_number: '+62 21 5000 0001',
  waba_id: '200000000000001',
  access_token: 'demo-access-token',
  app_secret: 'demo-app-secret',
  verify_token: 'demo-verify-token',
} as const;

export async function createEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const logger = opts.logger ?? silentLogger;
  const clock = createEmulatorClock({
    mode: opts.clock ?? 'real',
    ...(opts.startTime !== undefined ? { start: typeof opts.startTime === 'number' ? opts.startTime : opts.startTime.getTime() } : {}),
    onError: (error, label) => logger.error({ label, error: error instanceof Error ? error.message : String(error) }, 'emulator task failed'),
  });
  const store = createStore();
  const webhooks = createWebhookSender({
    clock,
    store,
    logger,
    ...(opts.webhookRetryDelaysMs ? { retryDelaysMs: opts.webhookRetryDelaysMs } : {}),
    ...(opts.webhookTimeoutMs ? { timeoutMs: opts.webhookTimeoutMs } : {}),
  });
  const engine: Engine = {
    store,
    clock,
    webhooks,
    logger,
    mediaAddress: opts.mediaAddress ?? '127.0.0.1',
    audioKeepSeconds: opts.audioKeepSeconds ?? 10,
    decodeAudio: opts.decodeAudio ?? true,
    defaultConnectedCallLimit: opts.connectedCallLimit ?? 100,
    timing: {
      acceptWindowMs: opts.acceptWindowMs ?? 45_000,
      bicRingTimeoutMs: opts.bicRingTimeoutMs ?? 45_000,
      startSilenceMs: opts.startSilenceMs ?? 20_000,
      midCallSilenceMs: opts.midCallSilenceMs ?? 30_000,
      bicConnectTimeoutMs: opts.bicConnectTimeoutMs ?? 20_000,
      mediaTimeouts: opts.mediaTimeouts ?? true,
      liveMediaGraceMs: opts.liveMediaGraceMs ?? 1000,
    },
  };
  const control = createControlApi(engine);
  for (const n of opts.phoneNumbers ?? []) {
    const { phone_number_id, ...rest } = n;
    await control.putPhoneNumber(phone_number_id, rest);
  }

  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  // Graph also takes form-encoded bodies, with objects as JSON strings (session={"sdp_type":…}).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of new URLSearchParams(String(body))) {
      let v: unknown = raw;
      if (/^\s*[[{]/.test(raw)) {
        try {
          v = JSON.parse(raw);
        } catch {
          v = raw;
        }
      }
      out[key] = v;
    }
    done(null, out);
  });
  app.setErrorHandler((error: FastifyError | GraphError | ControlError, req, reply) => {
    const isControl = req.url.startsWith('/control');
    if (error instanceof GraphError) return reply.status(error.httpStatus).send(error.toBody());
    if (error instanceof ControlError) return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) logger.error({ url: req.url.split('?')[0], error: error.message }, 'emulator request failed');
    if (isControl) return reply.status(status).send({ error: { code: status >= 500 ? 'internal' : 'invalid_request', message: error.message } });
    const graph = status >= 500 ? new GraphError(500, 1, 'An unknown error occurred') : new GraphError(400, 100, '(#100) Invalid parameter', error.message);
    return reply.status(graph.httpStatus).send(graph.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/control')) return reply.status(404).send({ error: { code: 'not_found', message: `No control route ${req.method} ${req.url.split('?')[0]}` } });
    const graph = new GraphError(400, 2500, `Unknown path components: ${req.url.split('?')[0]}`);
    return reply.status(400).send(graph.toBody());
  });
  // The web app's "Simulated customer" panel calls the control API from another origin.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/control')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    reply.header('access-control-allow-headers', 'content-type');
  });
  app.options('/control/*', async (_req, reply) => reply.status(204).send());
  registerControlRoutes(app, control);
  registerGraphRoutes(app, engine);

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 3001, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3001);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url, clock: clock.mode }, 'WhatsApp Cloud API emulator listening');

  let closed = false;
  return {
    url,
    graphBaseUrl: `${url}/v23.0`,
    clock: {
      now: () => new Date(clock.now()),
      advance: (ms) => clock.advance(ms),
      set: (date) => clock.set(date),
    },
    flush: () => clock.flush(),
    control,
    async close() {
      if (closed) return;
      closed = true;
      await control.endAllCallsSilently();
      clock.close();
      await app.close();
    },
  };
}
