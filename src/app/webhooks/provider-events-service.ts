import type { ProviderEvent } from '../ports/provider-event.js';
import type { CoreDeps } from '../deps.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { ChannelRef, ProviderCallEvents } from '../calls/provider-call-events.js';
import { createSerialQueue } from '../calls/serial-queue.js';
import { markAppliedQuery, type AppliedReceipt } from './applied-receipt.js';
import { CHANNELS_CHANGED } from '../events.js';

export interface WebhookChannel extends ChannelRef {
  phone_number_id: string | null;
  waba_id: string | null;
  app_secret: string | null;
}

export interface ProviderEventHandlers {
  permissionReply?: (channel: WebhookChannel, e: Extract<ProviderEvent, { kind: 'permission.reply' }>) => Promise<void>;
  outboundConnect?: (channel: WebhookChannel, e: Extract<ProviderEvent, { kind: 'call.connect' }>) => Promise<void>;
  callStatus?: (channel: WebhookChannel, e: Extract<ProviderEvent, { kind: 'call.status' }>) => Promise<void>;
  settingsUpdate?: (channel: WebhookChannel, e: Extract<ProviderEvent, { kind: 'settings.update' }>) => Promise<void>;
  accountUpdate?: (channel: WebhookChannel, e: Extract<ProviderEvent, { kind: 'account.update' }>) => Promise<void>;
}

const MAX_ATTEMPTS = 8;
const CHANNEL_CACHE_MS = 5_000;

/**
 * Provider events are written first (unique key: a redelivery is a no-op), acknowledged, and
 * applied afterwards — events of one call strictly in order, different calls in parallel.
 * Anything not applied (a crash, a failure) is picked up again by `applyPending`.
 */
export function createProviderEventsService(deps: CoreDeps & { conversations: ConversationsService; calls: ProviderCallEvents }) {
  const { db, clock, ids, log } = deps;
  const handlers: ProviderEventHandlers = {};
  const serial = createSerialQueue();
  const inFlight = new Set<string>();

  const channelColumns = ['id', 'tenant_id', 'display_number', 'phone_number_id', 'waba_id', 'app_secret'] as const;

  // Webhooks name their channel by phone number id (or WABA id) on every delivery: found channels are kept a few
  // seconds; any change through the API clears them on every instance. What a call must see fresh (inbound and
  // voice calling switched on, names) is read again in its transaction.
  const cache = new Map<string, { at: number; rows: WebhookChannel[] }>();
  deps.events.subscribe?.((e) => {
    if (e.type === CHANNELS_CHANGED) cache.clear();
  });

  async function channelsFor(phoneNumberIds: string[], wabaIds: string[]): Promise<WebhookChannel[]> {
    if (phoneNumberIds.length === 0 && wabaIds.length === 0) return [];
    const key = `${phoneNumberIds.join(',')}|${wabaIds.join(',')}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < CHANNEL_CACHE_MS) return hit.rows;
    const rows = await lookUpChannels(phoneNumberIds, wabaIds);
    if (rows.length > 0) {
      if (cache.size >= 1000) cache.clear();
      cache.set(key, { at: now, rows });
    } else {
      cache.delete(key);
    }
    return rows;
  }

  async function lookUpChannels(phoneNumberIds: string[], wabaIds: string[]): Promise<WebhookChannel[]> {
    return db
      .selectFrom('channels')
      .select(channelColumns)
      .where((eb) => eb.or([
        ...(phoneNumberIds.length ? [eb('phone_number_id', 'in', phoneNumberIds)] : []),
        ...(wabaIds.length ? [eb('waba_id', 'in', wabaIds)] : []),
      ]))
      .execute();
  }

  /** Stores events; returns the ones not seen before, with their ids. */
  async function store(items: { channel: WebhookChannel; event: ProviderEvent }[], receivedAt: Date): Promise<StoredEvent[]> {
    if (items.length === 0) return [];
    const withIds = items.map((item) => ({ ...item, id: ids.next() }));
    const rows = await db
      .insertInto('webhook_events')
      .values(withIds.map(({ id, channel, event }) => ({
        id, provider: 'meta', event_key: event.key, tenant_id: channel.tenant_id, channel_id: channel.id, kind: event.kind,
        payload: JSON.stringify(event), received_at: receivedAt,
      })))
      .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
      .returning('id')
      .execute();
    const inserted = new Set(rows.map((r) => r.id));
    return withIds.filter((item) => inserted.has(item.id));
  }

  const orderKey = (e: ProviderEvent): string => ('providerCallId' in e ? `call:${e.providerCallId}` : `event:${e.key}`);

  /** Applies one stored event: from memory right after it was stored, or read back (sweep, restart). */
  async function applyOne(id: string, fresh?: StoredEvent): Promise<void> {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    try {
      let event: ProviderEvent;
      let channel: WebhookChannel | undefined;
      let attempts = 0;
      if (fresh) {
        ({ event, channel } = fresh);
      } else {
        const row = await db.selectFrom('webhook_events').selectAll().where('id', '=', id).where('applied_at', 'is', null).executeTakeFirst();
        if (!row || !row.channel_id) return;
        event = reviveDates(row.payload) as unknown as ProviderEvent;
        attempts = row.attempts;
        channel = await db.selectFrom('channels').select(channelColumns).where('id', '=', row.channel_id).executeTakeFirst();
        if (!channel) return;
      }
      const target = channel;
      await serial.run(orderKey(event), async () => {
        try {
          const receipt: AppliedReceipt = { eventId: id, attempts: attempts + 1, recorded: false };
          await dispatch(target, event, receipt);
          if (!receipt.recorded) await markAppliedQuery(db, receipt, clock.now()).execute();
        } catch (err) {
          log.error({ err, kind: event.kind, key: event.key }, 'applying provider event failed');
          await db
            .updateTable('webhook_events')
            .set({ attempts: attempts + 1, last_error: String((err as Error)?.message ?? err).slice(0, 500), ...(attempts + 1 >= MAX_ATTEMPTS ? { applied_at: clock.now() } : {}) })
            .where('id', '=', id)
            .execute();
        }
      });
    } finally {
      inFlight.delete(id);
    }
  }

  async function dispatch(channel: WebhookChannel, e: ProviderEvent, receipt: AppliedReceipt): Promise<void> {
    switch (e.kind) {
      case 'message.received':
        await deps.conversations.receive({
          channelId: channel.id, tenantId: channel.tenant_id, from: e.from, contactName: e.contactName, providerMessageId: e.providerMessageId,
          at: e.at, type: e.message.type, text: e.message.text ?? e.message.media?.caption ?? null,
          data: { ...(e.message.media ? { media: e.message.media } : {}), ...(e.message.contextId ? { context_id: e.message.contextId } : {}) },
        });
        return;
      case 'message.status':
        await deps.conversations.messageStatus(e.providerMessageId, e.status);
        return;
      case 'permission.reply':
        if (handlers.permissionReply) await handlers.permissionReply(channel, e);
        else log.info({ key: e.key }, 'permission reply received with no handler');
        return;
      case 'call.connect':
        if (e.direction === 'inbound') await deps.calls.inboundConnect(channel, e, receipt);
        else if (handlers.outboundConnect) await handlers.outboundConnect(channel, e);
        return;
      case 'call.status':
        if (handlers.callStatus) await handlers.callStatus(channel, e);
        return;
      case 'call.terminate':
        await deps.calls.terminate(channel, e, receipt);
        return;
      case 'settings.update':
        if (handlers.settingsUpdate) await handlers.settingsUpdate(channel, e);
        return;
      case 'account.update':
        if (handlers.accountUpdate) await handlers.accountUpdate(channel, e);
        return;
      case 'unhandled':
        log.info({ field: e.field, reason: e.reason }, 'webhook event not handled; acknowledged');
        return;
    }
  }

  return {
    handlers,
    channelsFor,
    store,
    /** Applies events just stored, from memory (in the background of the request that stored them). */
    apply(stored: StoredEvent[]): Promise<void> {
      return Promise.all(stored.map((e) => applyOne(e.id, e))).then(() => undefined);
    },
    /** Applies everything stored but not applied yet, oldest first (start-up and periodic sweep). */
    async applyPending(olderThanMs = 0): Promise<number> {
      const before = new Date(clock.now().getTime() - olderThanMs);
      const rows = await db.selectFrom('webhook_events').select('id').where('applied_at', 'is', null).where('received_at', '<=', before).orderBy('received_at').orderBy('id').limit(500).execute();
      for (const r of rows) await applyOne(r.id);
      return rows.length;
    },
    /** Resolves when every event being applied right now is done (tests). */
    async idle(): Promise<void> {
      while (serial.size() > 0 || inFlight.size > 0) await new Promise((r) => setImmediate(r));
    },
  };
}

export type ProviderEventsService = ReturnType<typeof createProviderEventsService>;

/** An event written to `webhook_events` by this process, kept in memory to apply it without reading it back. */
export interface StoredEvent {
  id: string;
  channel: WebhookChannel;
  event: ProviderEvent;
}

/** The Date fields of ProviderEvent (top level and in `restrictions[]`). */
const DATE_KEYS = new Set(['at', 'startedAt', 'endedAt', 'expiresAt', 'expiration']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/**
 * Stored events come back as JSON: turn their timestamps into Dates again. Only the date fields:
 * a customer's text that happens to look like a timestamp stays text.
 */
function reviveDates(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return DATE_KEYS.has(key) && ISO.test(v) ? new Date(v) : v;
  if (Array.isArray(v)) return v.map((x) => reviveDates(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveDates(x, k)]));
  return v;
}
