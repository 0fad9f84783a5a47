import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createAuthService } from './app/auth/auth-service.js';
import { createCallCommands } from './app/calls/call-commands.js';
import { createCallEngine } from './app/calls/call-engine.js';
import { createCallQueries } from './app/calls/call-queries.js';
import { registerCallTimers } from './app/calls/call-timer-handlers.js';
import { defaultPrompts } from './app/calls/default-prompts.js';
import { watchMedia } from './app/calls/media-watch.js';
import { createProviderCallEvents } from './app/calls/provider-call-events.js';
import { createConversationsService } from './app/conversations/conversations-service.js';
import type { MediaPort } from './app/ports/media.js';
import type { Seams } from './app/seams.js';
import { createProviderEventsService } from './app/webhooks/provider-events-service.js';
import { registerChannelEventHandlers } from './app/webhooks/channel-events.js';
import { createChannelHealth } from './app/channels/channel-health.js';
import { createChannelSync } from './app/channels/channel-sync.js';
import { createOutboundFeature } from './app/outbound/outbound-feature.js';
import { registerDeskCommands } from './http/desk-commands.js';
import { createMediaBridge } from './media/create-media-bridge.js';
import { createGraphClient } from './providers/meta/graph-client.js';
import { registerWhatsAppWebhook } from './providers/meta/webhook-routes.js';
import { seedDemo, DEMO } from './app/demo/seed-demo.js';
import type { CoreDeps } from './app/deps.js';
import { createPresenceService, PRESENCE_OFFLINE_TIMER } from './app/presence/presence-service.js';
import type { Services } from './app/services.js';
import { createUsersService } from './app/users/users-service.js';
import { createUuid7Generator } from './app/uuid7.js';
import { createAgentGroupsService } from './app/agent-groups/agent-groups-service.js';
import { createBillingService } from './app/billing/billing-service.js';
import { createChannelsService } from './app/channels/channels-service.js';
import { createComplianceService } from './app/compliance/compliance-service.js';
import { createContactsService } from './app/contacts/contacts-service.js';
import { createPauseReasonsService } from './app/pause-reasons/pause-reasons-service.js';
import { createRingGroupsService } from './app/ring-groups/ring-groups-service.js';
import { createSettingsService } from './app/settings/settings-service.js';
import { createReportsService } from './app/reports/reports-service.js';
import { createBusinessRecordsService } from './app/business-records/business-records-service.js';
import { createDispositionsService } from './app/business-records/dispositions-service.js';
import { createTagsService } from './app/business-records/tags-service.js';
import { createCannedAnswersService } from './app/canned-answers/canned-answers-service.js';
import { guardChannelPrompts } from './app/prompts/channel-prompt-guard.js';
import { createPromptsService } from './app/prompts/prompts-service.js';
import { acceptPromptUploads } from './http/routes/prompts.js';
import { validateOggOpus } from './media/ogg/validate-ogg-opus.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { systemClock } from './app/system-clock.js';
import type { Clock } from './domain/clock.js';
import type { IdGenerator } from './domain/ids.js';
import { buildHttpApp } from './http/app.js';
import { allRoutes } from './http/routes/index.js';
import { webConfigFrom } from './http/routes/web-config.js';
import { createMemoryBus, createPostgresBus, type EventBus } from './realtime/bus.js';
import { createHub, type Hub } from './realtime/hub.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import { openDatabase, type Database } from './store/database.js';
import { migrate } from './store/migrate.js';
import { supervisionScope } from './app/supervision/supervision-scope.js';

export interface BuildOptions {
  config: Config;
  /** An open database (tests pass a clone); otherwise opened from config. */
  database?: Database;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** Poll timers and heartbeat in the background (off in tests, which drive the scheduler). */
  background?: boolean;
  /** A media bridge to use instead of starting workers from config (null: none). */
  media?: MediaPort | null;
  /** Randomness for the `random` queue strategy (seeded in tests). */
  random?: () => number;
  /** Race seams for tests. */
  seams?: Seams;
}

export interface App {
  media: MediaPort | null;
  config: Config;
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  services: Services;
  scheduler: Scheduler;
  bus: EventBus;
  hub: Hub;
  http: FastifyInstance;
  /** Listens on config.port (0 = any) and resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const version = (): string => {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
};

/** The composition root: the only place that constructs databases, servers, buses and providers. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config } = opts;
  const log = opts.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? createUuid7Generator(clock);
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  await migrate(database.db);

  const bus = config.bus === 'postgres' ? await createPostgresBus(database, config.instanceId, log) : createMemoryBus(log);
  const hub = createHub(bus, log);
  const scheduler = createScheduler({ db: database.db, clock, ids, log, pollMs: config.schedulerPollMs });
  const core: CoreDeps = { db: database.db, clock, ids, events: bus, scheduler, log, instanceId: config.instanceId };

  const graph = createGraphClient({ baseUrl: config.metaGraphUrl, version: config.metaApiVersion, timeoutMs: config.metaTimeoutMs, log });
  const media: MediaPort | null = opts.media !== undefined ? opts.media
    : config.mediaWorkers > 0 ? createMediaBridge({ workers: config.mediaWorkers, bindAddress: config.mediaBindAddress }) : null;
  const random = opts.random ?? Math.random;
  const voicePrompts = createPromptsService({ ...core, dataDir: config.dataDir, validateAudio: validateOggOpus, uploadLimitBytes: config.uploadLimitBytes });
  const engine = createCallEngine({ ...core, provider: graph, media, random, dataDir: config.dataDir, prompts: defaultPrompts(), resolvePrompt: voicePrompts.resolve, ...(opts.seams ? { seams: opts.seams } : {}) });
  const conversations = createConversationsService({ ...core, messages: graph });
  const providerCalls = createProviderCallEvents({ ...core, engine, provider: graph, media });
  const providerEvents = createProviderEventsService({ ...core, conversations, calls: providerCalls });
  const channelHealth = createChannelHealth(core);
  const channelSync = createChannelSync({ ...core, provider: graph, health: channelHealth });
  registerChannelEventHandlers(providerEvents, { sync: channelSync, health: channelHealth });
  const billing = createBillingService(core);
  const outbound = createOutboundFeature({ ...core, engine, provider: graph, messages: graph, media, conversations, providerEvents, billing });

  const services: Services = {
    supervision: (actor) => supervisionScope(database.db, actor),
    conversations,
    calls: engine,
    callCommands: createCallCommands({ ...core, engine, media }),
    callQueries: createCallQueries(core),
    providerCalls,
    providerEvents,
    auth: createAuthService({ db: database.db, clock, sessionTtlHours: config.sessionTtlHours }),
    users: createUsersService(core),
    presence: createPresenceService(core),
    agentGroups: createAgentGroupsService(core),
    channels: createChannelsService({ ...core, publicUrl: config.publicUrl }),
    ringGroups: createRingGroupsService(core),
    contacts: createContactsService(core),
    settings: createSettingsService(core),
    pauseReasons: createPauseReasonsService(core),
    billing,
    compliance: createComplianceService(core),
    permissions: outbound.permissions,
    outboundCalls: outbound.calls,
    reports: createReportsService(core),
    tags: createTagsService(core),
    dispositions: createDispositionsService(core),
    businessRecords: createBusinessRecordsService(core),
    cannedAnswers: createCannedAnswersService(core),
    prompts: voicePrompts,
  };

  registerCallTimers(scheduler, { ...core, engine, media, presence: services.presence, prompts: defaultPrompts() });
  registerDeskCommands(hub, services);
  Object.assign(services.channels.hooks, { beforeUpdate: channelSync.beforeUpdate, beforeCreate: channelSync.beforeCreate, withHealth: channelHealth.withHealth });
  guardChannelPrompts(services.channels.hooks, voicePrompts);
  services.businessRecords.attach(engine.hooks, services.presence);
  services.presence.onAvailable((tenantId) => engine.dispatchWaiting(tenantId));
  if (media) watchMedia(media, { ...core, engine });

  scheduler.register(PRESENCE_OFFLINE_TIMER, async (t) => {
    await services.presence.offlineCheck(t.tenantId!, String(t.payload.user_id));
  });

  await services.presence.forgetOwnConnections();
  await services.presence.heartbeat();

  const http = await buildHttpApp({
    services,
    hub,
    routes: allRoutes(services, { cookieSecure: config.cookieSecure, webConfig: webConfigFrom(config) }),
    logger: log,
    bodyLimit: config.bodyLimitBytes,
    version: version(),
    publicUrl: config.publicUrl,
    webDist: config.webDist,
    ready: () => database.ping(),
    extra: (app) => registerWhatsAppWebhook(app, { events: providerEvents, database, clock, log }),
  });
  acceptPromptUploads(http);

  const timers: NodeJS.Timeout[] = [];
  if (opts.background !== false) {
    scheduler.start();
    const beat = setInterval(() => {
      services.presence.heartbeat().catch((err) => log.warn({ err }, 'heartbeat failed'));
      services.auth.pruneFailures().catch(() => {});
    }, 15_000);
    beat.unref();
    timers.push(beat);
    // Provider events stored but not applied (a crash, a failure) are applied again.
    const sweep = setInterval(() => {
      providerEvents.applyPending(5_000).catch((err) => log.warn({ err }, 'pending event sweep failed'));
    }, 5_000);
    sweep.unref();
    timers.push(sweep);
    void providerEvents.applyPending().catch((err) => log.warn({ err }, 'pending event sweep failed'));
  }

  let closed = false;
  return {
    config, database, clock, ids, log, services, scheduler, bus, hub, http, media,
    async listen() {
      return http.listen({ port: config.port, host: config.host });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      await scheduler.stop();
      hub.close();
      await http.close();
      await providerEvents.idle();
      if (media && opts.media === undefined) await media.close();
      await bus.close();
      if (!opts.database) await database.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const app = await buildApp({ config });
  if (config.demo) {
    const { created } = await seedDemo({ db: app.database.db, clock: app.clock, ids: app.ids, log: app.log });
    app.log.info({ created }, created ? 'demo data created' : 'demo data already present');
  }
  const url = await app.listen();
  const shown = url.replace('127.0.0.1', 'localhost');
  process.stdout.write(`\nSwitchboard is running at ${shown}\n`);
  if (config.demo) {
    process.stdout.write(`\nDemo logins (password "${DEMO.password}"):\n`);
    for (const u of DEMO.users) process.stdout.write(`  ${u.role.padEnd(10)} ${u.email}\n`);
    process.stdout.write('\n');
  }
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
