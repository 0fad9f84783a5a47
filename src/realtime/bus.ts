import type { Logger } from 'pino';
import type { DeskEvent, EventPublisher } from '../app/events.js';
import type { Database } from '../store/database.js';

export interface EventBus extends EventPublisher {
  subscribe(fn: (e: DeskEvent) => void): () => void;
  close(): Promise<void>;
}

function fanOut(subscribers: Set<(e: DeskEvent) => void>, events: DeskEvent[], log: Logger): void {
  for (const e of events) {
    for (const fn of subscribers) {
      try {
        fn(e);
      } catch (err) {
        log.error({ err, type: e.type }, 'event subscriber failed');
      }
    }
  }
}

/** One instance: events go straight to this process's subscribers. */
export function createMemoryBus(log: Logger): EventBus {
  const subscribers = new Set<(e: DeskEvent) => void>();
  return {
    publish(events) {
      if (events.length > 0) fanOut(subscribers, events, log);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async close() {
      subscribers.clear();
    },
  };
}

const CHANNEL = 'switchboard_events';
const MAX_PAYLOAD = 7800; // NOTIFY's limit is 8000 bytes

/**
 * Several instances on one PostgreSQL: events are delivered locally at once and sent to the other
 * instances with one NOTIFY per publish (NOTIFY serialises commits database-wide, so we batch).
 */
export async function createPostgresBus(database: Database, instanceId: string, log: Logger): Promise<EventBus> {
  const subscribers = new Set<(e: DeskEvent) => void>();
  const unlisten = await database.listen(CHANNEL, (payload) => {
    try {
      const msg = JSON.parse(payload) as { from: string; events: DeskEvent[] };
      if (msg.from !== instanceId) fanOut(subscribers, msg.events, log);
    } catch (err) {
      log.warn({ err }, 'bad bus payload');
    }
  });
  return {
    publish(events) {
      if (events.length === 0) return;
      fanOut(subscribers, events, log);
      const payload = JSON.stringify({ from: instanceId, events });
      if (payload.length > MAX_PAYLOAD) {
        log.error({ types: events.map((e) => e.type), bytes: payload.length }, 'bus payload too large for other instances');
        return;
      }
      void database.db
        .selectNoFrom((eb) => eb.fn('pg_notify', [eb.val(CHANNEL), eb.val(payload)]).as('n'))
        .execute()
        .catch((err) => log.error({ err }, 'bus notify failed'));
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async close() {
      subscribers.clear();
      await unlisten();
    },
  };
}
