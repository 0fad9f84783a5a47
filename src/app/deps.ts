import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { DB } from '../store/schema/index.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { EventPublisher } from './events.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Db | Tx;

/** What every use case may need. Each factory takes the subset it uses. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  scheduler: Scheduler;
  log: Logger;
  instanceId: string;
}
