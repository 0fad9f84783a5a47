import path from 'node:path';
import { pino } from 'pino';
import { seedDemo, DEMO } from '../../../src/app/demo/seed-demo.js';
import { loadConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/app/system-clock.js';
import { buildApp, type App } from '../../../src/main.js';
import { createEmulator, DEMO_CHANNEL, type Emulator } from '../../../emulator/server.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { ensureWebBuild } from './web-build.js';

export interface E2EServer {
  url: string;
  app: App;
  emu: Emulator;
  tenantId: string;
  channelId: string;
  /** Demo users by email (ids for API checks). */
  users: Record<string, { id: string; name: string }>;
  password: string;
  /** The demo channel's ring group: round robin (default) or ring to all, with these members (emails, in order). */
  setRingGroup(mode: 'round_robin' | 'ring_all', emails: string[]): Promise<void>;
  stop(): Promise<void>;
}

export interface E2EServerOptions {
  /** Media workers (audio). 1 by default. */
  mediaWorkers?: number;
  env?: Record<string, string>;
}

/**
 * The product as `npm start` runs it, in-process: the server on the real clock with its scheduler
 * polling, one media worker, the demo tenant, the freshly built web app, and Meta's emulator with
 * the demo channel pointing its webhooks at the server. The demo panel finds the emulator through
 * `/api/config` (built from this config).
 */
export async function startE2EServer(opts: E2EServerOptions = {}): Promise<E2EServer> {
  const webDist = await ensureWebBuild();
  const emu = await createEmulator({ port: 0, clock: 'real' });
  let tdb: TestDatabase | null = null;
  let app: App | null = null;
  try {
    tdb = await createTestDatabase();
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', BUS: 'memory', DEMO: '1',
      META_GRAPH_URL: emu.url, META_TIMEOUT_MS: '5000', MEDIA_WORKERS: String(opts.mediaWorkers ?? 1),
      DATA_DIR: path.resolve('.tmp/e2e-data'), WEB_DIST: webDist, ...opts.env,
    });
    app = await buildApp({ config, database: tdb, clock: systemClock, logger: pino({ level: config.logLevel }), background: true });
    const { tenantId } = await seedDemo({ db: app.database.db, clock: app.clock, ids: app.ids, log: app.log });
    const url = await app.listen();
    await emu.control.putPhoneNumber(DEMO_CHANNEL.phone_number_id, {
      display_phone_number: DEMO_CHANNEL.display_phone_number, waba_id: DEMO_CHANNEL.waba_id, access_token: DEMO_CHANNEL.access_token,
      app_secret: DEMO_CHANNEL.app_secret, verify_token: DEMO_CHANNEL.verify_token, webhook_url: `${url}/webhooks/whatsapp`,
      calling: { status: 'ENABLED', callback_permission_status: 'ENABLED' },
    });
    const db = app.database.db;
    const rows = await db.selectFrom('users').select(['id', 'email', 'name']).where('tenant_id', '=', tenantId).execute();
    const users = Object.fromEntries(rows.map((u) => [u.email, { id: u.id, name: u.name }]));
    const channel = await db.selectFrom('channels').select('id').where('tenant_id', '=', tenantId).where('phone_number_id', '=', DEMO_CHANNEL.phone_number_id).executeTakeFirstOrThrow();
    const started = app;
    const database = tdb;
    return {
      url, app: started, emu, tenantId, channelId: channel.id, users, password: DEMO.password,
      async setRingGroup(mode, emails) {
        const now = started.clock.now();
        const group = await db.selectFrom('ring_groups').select('id').where('channel_id', '=', channel.id).executeTakeFirstOrThrow();
        await db.updateTable('ring_groups').set({ mode, updated_at: now }).where('id', '=', group.id).execute();
        await db.deleteFrom('ring_group_members').where('ring_group_id', '=', group.id).execute();
        await db.insertInto('ring_group_members').values(emails.map((e, i) => ({
          ring_group_id: group.id, channel_id: channel.id, user_id: users[e]!.id, tenant_id: tenantId, position: i,
        }))).execute();
      },
      async stop() {
        await started.close();
        await emu.close();
        await database.dispose();
      },
    };
  } catch (e) {
    await app?.close().catch(() => {});
    await emu.close().catch(() => {});
    await tdb?.dispose().catch(() => {});
    throw e;
  }
}
