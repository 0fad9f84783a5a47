import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/**
 * Every environment variable Switchboard reads, with its default. `secret: true` ones are never logged.
 * The README's table is generated from this list (see scripts/env-table.ts and its test).
 */
export const envSpec = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(3000), doc: 'HTTP port of the server. The emulator (demo mode) listens on PORT + 1.' },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the HTTP server binds to (0.0.0.0 to accept remote connections).' },
  PUBLIC_URL: { schema: z.string().url().optional(), doc: 'External base URL of the server (webhook URL shown to admins). Default http://localhost:PORT.' },
  DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'Directory for the embedded database, recordings and uploaded prompts.' },
  DATABASE_URL: { schema: z.string().url().optional(), secret: true, doc: 'PostgreSQL connection string. When unset, the embedded PGlite database in DATA_DIR is used.' },
  DATABASE_POOL_SIZE: { schema: z.coerce.number().int().min(1).max(200).default(10), doc: 'PostgreSQL pool size per instance.' },
  DEMO: { schema: bool.default(false), doc: 'Seed the demo tenant and run the Meta emulator in-process (npm start turns it on).' },
  EMULATOR_PORT: { schema: z.coerce.number().int().min(0).max(65535).optional(), doc: 'Port of the in-process emulator in demo mode (default PORT + 1).' },
  META_GRAPH_URL: { schema: z.string().url().default('https://graph.facebook.com'), doc: 'Base URL of the Graph API (the emulator\'s URL in demo mode).' },
  META_API_VERSION: { schema: z.string().regex(/^v\d+\.\d+$/).default('v23.0'), doc: 'Graph API version used in request paths.' },
  META_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(60000).default(10000), doc: 'Timeout of one Graph request.' },
  MEDIA_WORKERS: { schema: z.coerce.number().int().min(0).max(64).optional(), doc: 'Media worker processes (default: one per core; 0 disables media).' },
  MEDIA_BIND_ADDRESS: { schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the media bridge offers ICE candidates on.' },
  BUS: { schema: z.enum(['auto', 'memory', 'postgres', 'nats']).default('auto'), doc: 'Event bus between instances: memory (one instance), postgres (LISTEN/NOTIFY), nats; auto = postgres with DATABASE_URL, else memory.' },
  NATS_URL: { schema: z.string().default('nats://127.0.0.1:4222'), doc: 'NATS server when BUS=nats.' },
  INSTANCE_ID: { schema: z.string().min(1).optional(), doc: 'Name of this server instance (default host:pid).' },
  SESSION_TTL_HOURS: { schema: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7), doc: 'Lifetime of a web session.' },
  COOKIE_SECURE: { schema: bool.default(false), doc: 'Mark the session cookie Secure (set when served over HTTPS).' },
  BODY_LIMIT_BYTES: { schema: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000), doc: 'Largest accepted JSON body.' },
  UPLOAD_LIMIT_BYTES: { schema: z.coerce.number().int().min(1024).max(100_000_000).default(5_000_000), doc: 'Largest accepted prompt upload.' },
  SCHEDULER_POLL_MS: { schema: z.coerce.number().int().min(10).max(60000).default(250), doc: 'How often durable timers are polled.' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'Log level.' },
  WEB_DIST: { schema: z.string().optional(), doc: 'Directory of the built web app (default web/dist).' },
} as const;

type EnvSpec = typeof envSpec;
type EnvValues = { [K in keyof EnvSpec]: z.output<EnvSpec[K]['schema']> };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  demo: boolean;
  emulatorPort: number;
  metaGraphUrl: string;
  metaApiVersion: string;
  metaTimeoutMs: number;
  mediaWorkers: number;
  mediaBindAddress: string;
  bus: 'memory' | 'postgres' | 'nats';
  natsUrl: string;
  instanceId: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  schedulerPollMs: number;
  logLevel: EnvValues['LOG_LEVEL'];
  webDist: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment. A bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(envSpec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = (spec.schema as z.ZodType).safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const v = values as EnvValues;
  const bus = v.BUS === 'auto' ? (v.DATABASE_URL ? 'postgres' : 'memory') : v.BUS;
  if (bus === 'postgres' && !v.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  BUS: postgres needs DATABASE_URL');
  return {
    port: v.PORT,
    host: v.HOST,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(v.DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    demo: v.DEMO,
    emulatorPort: v.EMULATOR_PORT ?? (v.PORT === 0 ? 0 : v.PORT + 1),
    metaGraphUrl: v.META_GRAPH_URL.replace(/\/$/, ''),
    metaApiVersion: v.META_API_VERSION,
    metaTimeoutMs: v.META_TIMEOUT_MS,
    mediaWorkers: v.MEDIA_WORKERS ?? Math.max(1, os.availableParallelism()),
    mediaBindAddress: v.MEDIA_BIND_ADDRESS,
    bus,
    natsUrl: v.NATS_URL,
    instanceId: v.INSTANCE_ID ?? `${os.hostname()}:${process.pid}`,
    sessionTtlHours: v.SESSION_TTL_HOURS,
    cookieSecure: v.COOKIE_SECURE,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    uploadLimitBytes: v.UPLOAD_LIMIT_BYTES,
    schedulerPollMs: v.SCHEDULER_POLL_MS,
    logLevel: v.LOG_LEVEL,
    webDist: path.resolve(v.WEB_DIST ?? 'web/dist'),
  };
}
