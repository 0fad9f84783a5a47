import { pino } from 'pino';
import type { Seams } from '../../src/app/seams.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp, type App } from '../../src/main.js';
import { TestClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp extends App {
  clock: TestClock;
  tdb: TestDatabase;
  /** Advance the clock and run every timer that became due. */
  tick(ms: number): Promise<number>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  /** Reuse an open database (e.g. to restart the server on the same data). */
  tdb?: TestDatabase;
  seams?: Seams;
  instanceId?: string;
}

export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', MEDIA_WORKERS: '0', BUS: 'memory', DATA_DIR: '.tmp/test-data', ...env });

/** The whole server on a fresh database clone, an injected clock and no background polling. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const clock = opts.clock ?? new TestClock();
  const tdb = opts.tdb ?? (await createTestDatabase());
  const config = testConfig({ ...(opts.instanceId ? { INSTANCE_ID: opts.instanceId } : {}), ...opts.env });
  const app = await buildApp({
    config,
    database: tdb,
    clock,
    logger: pino({ level: config.logLevel }),
    background: false,
    ...(opts.seams ? { seams: opts.seams } : {}),
  });
  return Object.assign(app, {
    clock,
    tdb,
    async tick(ms: number) {
      clock.advance(ms);
      return app.scheduler.runDue();
    },
    async stop() {
      await app.close();
      if (!opts.tdb) await tdb.dispose();
    },
  });
}
