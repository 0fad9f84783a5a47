import type { EmulatorClock } from '../clock.js';
import { newDeliveryId } from '../ids.js';
import type { Logger } from '../logger.js';
import { effectiveChaos, type Store } from '../state/store.js';
import type { BusinessNumber } from '../state/types.js';
import type { WebhookPayload } from './envelope.js';
import { signatureHeader } from './sign.js';

/** One HTTP attempt to deliver one webhook, as shown by the control API. */
export interface DeliveryAttempt {
  delivery_id: string;
  attempt: number;
  phone_number_id: string;
  url: string;
  field: string;
  /** e.g. `calls/connect`, `calls/status:RINGING`, `messages/text`. */
  summary: string;
  call_id?: string;
  at: string;
  status: number | null;
  error?: string;
  duplicate?: boolean;
  payload: WebhookPayload;
}

export interface WebhookSenderOptions {
  clock: EmulatorClock;
  store: Store;
  logger: Logger;
  /** Retry delays after a failed attempt (ms of emulator time); the first retry is immediate. */
  retryDelaysMs?: number[];
  /** Real-time HTTP timeout per attempt. */
  timeoutMs?: number;
  logLimit?: number;
}

export interface WebhookSender {
  send(number: BusinessNumber, payload: WebhookPayload): void;
  log(filter?: { phoneNumberId?: string; callId?: string; limit?: number }): DeliveryAttempt[];
  reset(): void;
}

export const DEFAULT_RETRY_DELAYS_MS = [0, 5_000, 30_000, 120_000, 600_000];

function describe(payload: WebhookPayload): { field: string; summary: string; callId?: string; callEvent?: string } {
  const change = payload.entry[0]?.changes[0];
  const field = change?.field ?? 'unknown';
  const value = change?.value ?? {};
  const calls = value.calls as { id: string; event: string }[] | undefined;
  const statuses = value.statuses as { id: string; status: string; type?: string }[] | undefined;
  const messages = value.messages as { type: string; interactive?: { type?: string } }[] | undefined;
  if (calls?.[0]) return { field, summary: `calls/${calls[0].event}`, callId: calls[0].id, callEvent: calls[0].event };
  if (statuses?.[0]) {
    const s = statuses[0];
    return s.type === 'call'
      ? { field, summary: `calls/status:${s.status}`, callId: s.id }
      : { field, summary: `messages/status:${s.status}` };
  }
  if (messages?.[0]) {
    const m = messages[0];
    return { field, summary: `messages/${m.interactive?.type ?? m.type}` };
  }
  return { field, summary: field };
}

export function createWebhookSender(opts: WebhookSenderOptions): WebhookSender {
  const { clock, store, logger } = opts;
  const retryDelays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const logLimit = opts.logLimit ?? 2_000;
  let attempts: DeliveryAttempt[] = [];
  /** Connect webhooks held back by the reorder chaos mode, by call id. */
  let held = new Map<string, { number: BusinessNumber; payload: WebhookPayload }[]>();
  /** Deliveries to one URL start in order; retries interleave, as with Meta. */
  const chains = new Map<string, Promise<void>>();
  let generation = 0;

  async function attempt(number: BusinessNumber, payload: WebhookPayload, deliveryId: string, n: number, duplicate: boolean, gen: number): Promise<void> {
    if (gen !== generation) return;
    const url = number.webhookUrl;
    const info = describe(payload);
    const record: DeliveryAttempt = {
      delivery_id: deliveryId,
      attempt: n,
      phone_number_id: number.phoneNumberId,
      url: url ?? '',
      field: info.field,
      summary: info.summary,
      ...(info.callId ? { call_id: info.callId } : {}),
      at: new Date(clock.now()).toISOString(),
      status: null,
      ...(duplicate ? { duplicate: true } : {}),
      payload,
    };
    attempts.push(record);
    if (attempts.length > logLimit) attempts = attempts.slice(-logLimit);
    if (!url) {
      record.error = 'no webhook_url registered for this number';
      return;
    }
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signatureHeader(body, number.appSecret),
          'user-agent': 'facebookexternalua',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      record.error = `HTTP ${response.status}`;
    } catch (error) {
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    logger.warn({ deliveryId, attempt: n, status: record.status, summary: info.summary, callId: info.callId }, 'webhook delivery failed');
    if (n - 1 < retryDelays.length) {
      const delay = retryDelays[n - 1]!;
      clock.schedule(clock.now() + delay, `webhook retry ${deliveryId}#${n + 1}`, () =>
        attempt(number, payload, deliveryId, n + 1, duplicate, gen),
      );
    }
  }

  function enqueue(number: BusinessNumber, payload: WebhookPayload, duplicate: boolean): void {
    const deliveryId = newDeliveryId();
    const gen = generation;
    const key = number.webhookUrl ?? `none:${number.phoneNumberId}`;
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => attempt(number, payload, deliveryId, 1, duplicate, gen));
    chains.set(key, next);
    clock.track(next);
  }

  function dispatch(number: BusinessNumber, payload: WebhookPayload): void {
    const chaos = effectiveChaos(store, number);
    const gen = generation;
    const go = () => {
      if (gen !== generation) return;
      enqueue(number, payload, false);
      if (chaos.duplicate) enqueue(number, payload, true);
    };
    const delay = chaos.delay_ms ?? 0;
    if (delay > 0) clock.schedule(clock.now() + delay, 'webhook delay', go);
    else go();
  }

  return {
    send(number, payload) {
      const chaos = effectiveChaos(store, number);
      const info = describe(payload);
      if (chaos.reorder && info.callId && info.callEvent === 'connect') {
        const list = held.get(info.callId) ?? [];
        list.push({ number, payload });
        held.set(info.callId, list);
        return;
      }
      dispatch(number, payload);
      if (info.callId && info.callEvent === 'terminate') {
        for (const h of held.get(info.callId) ?? []) dispatch(h.number, h.payload);
        held.delete(info.callId);
      }
    },
    log(filter = {}) {
      let out = attempts;
      if (filter.phoneNumberId) out = out.filter((a) => a.phone_number_id === filter.phoneNumberId);
      if (filter.callId) out = out.filter((a) => a.call_id === filter.callId);
      return filter.limit ? out.slice(-filter.limit) : [...out];
    },
    reset() {
      generation++;
      attempts = [];
      held = new Map();
      chains.clear();
    },
  };
}
