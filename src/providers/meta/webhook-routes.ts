import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { RoutedEvent } from '../../app/ports/provider-event.js';
import type { ProviderEventsService, WebhookChannel } from '../../app/webhooks/provider-events-service.js';
import type { Clock } from '../../domain/clock.js';
import type { Database } from '../../store/database.js';
import { parseWebhook } from './parse-webhook.js';
import { verifySignature } from './verify-signature.js';

/** Meta batches up to 3 MB per delivery (reference §1.1); refusing a batch would make Meta retry it for days. */
export const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;

const unauthorized = { error: { code: 'UNAUTHENTICATED', message: 'Webhook signature missing or invalid, or unknown phone number.', details: null } };

const digitsOf = (s: string | null | undefined): string => (s ?? '').replace(/[^\d]/g, '');

export interface WhatsAppWebhookDeps {
  events: Pick<ProviderEventsService, 'channelsFor' | 'store' | 'apply'>;
  database: Database;
  clock: Clock;
  log: Logger;
}

/**
 * `GET|POST /webhooks/whatsapp`: Meta's verification handshake and signed event deliveries. The
 * channel is found by `metadata.phone_number_id` (account events: by WABA id and business number)
 * and the signature checked with its app secret before anything is stored. The answer does not
 * wait for the events to be applied: they are stored first, so nothing is lost if applying fails.
 */
export async function registerWhatsAppWebhook(app: FastifyInstance, deps: WhatsAppWebhookDeps): Promise<void> {
  await app.register(async (scope) => {
    // The exact bytes are needed for the signature, whatever the declared content type; a body
    // that is not JSON cannot name its channel and is answered like a bad signature.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (req, body: Buffer, done) => {
      req.rawBody = body;
      done(null, undefined);
    });

    scope.get('/webhooks/whatsapp', async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      const mode = q['hub.mode'];
      const token = q['hub.verify_token'];
      const challenge = q['hub.challenge'];
      if (mode !== 'subscribe' || !token || challenge === undefined) return forbidden(reply);
      const match = await deps.database.db.selectFrom('channels').select('id').where('verify_token', '=', token).executeTakeFirst();
      if (!match) return forbidden(reply);
      return reply.status(200).type('text/plain').send(challenge);
    });

    scope.post('/webhooks/whatsapp', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
      const started = process.hrtime.bigint();
      const receivedAt = deps.clock.now();
      const raw = req.rawBody;
      let body: unknown;
      try {
        // PostgreSQL text and jsonb cannot hold NUL: it is dropped from strings (the signature covers the raw bytes).
        body = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8'), (_k, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)) : undefined;
      } catch {
        body = undefined;
      }
      const parsed = parseWebhook(body, receivedAt);
      if (!parsed.ok) {
        deps.log.warn({ reason: parsed.reason }, 'webhook rejected: not a signed WhatsApp envelope');
        return reply.status(401).send(unauthorized);
      }
      const pnids = unique(parsed.events.map((e) => e.phoneNumberId));
      const wabas = unique(parsed.events.filter((e) => e.phoneNumberId === null).map((e) => e.wabaId));
      const channels = await deps.events.channelsFor(pnids, wabas);
      const secrets = unique(channels.map((c) => c.app_secret));
      const good = secrets.find((s) => verifySignature(raw, req.headers['x-hub-signature-256'], s).ok);
      if (!good) {
        const check = verifySignature(raw, req.headers['x-hub-signature-256'], secrets[0] ?? '');
        deps.log.warn({ numbers: pnids.length, known: channels.length, reason: channels.length ? (check.ok ? 'mismatch' : check.reason) : 'unknown_number' }, 'webhook rejected: signature or phone number');
        return reply.status(401).send(unauthorized);
      }
      // Only the channels of the app whose secret signed this delivery are trusted with it.
      const items = routeEvents(parsed.events, channels.filter((c) => c.app_secret === good), deps.log);
      for (const reason of parsed.dropped) deps.log.warn({ reason }, 'webhook item skipped');
      // Signed by Meta but about numbers of the account not connected here: acknowledged, so Meta does not retry.
      if (items.length === 0) return reply.status(200).send({ received: 0, new: 0 });
      const fresh = await deps.events.store(items, receivedAt);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.log.debug({ events: items.length, fresh: fresh.length, ms }, 'webhook stored');
      reply.status(200).send({ received: items.length, new: fresh.length });
      // Applying happens after the acknowledgement; failures stay pending and are retried.
      void deps.events.apply(fresh).catch((err: unknown) => deps.log.error({ err }, 'applying webhook events failed'));
      return reply;
    });
  });
}

function forbidden(reply: FastifyReply) {
  return reply.status(403).type('text/plain').send('Forbidden');
}

const unique = (xs: (string | null | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => Boolean(x)))];

/**
 * Ties each event to its channel: by phone_number_id, else (account-level fields) by WABA and the
 * business number's digits. An account update naming no number concerns every number of the
 * account (one stored event per channel); an unhandled one is only logged, under any of them.
 */
export function routeEvents(events: RoutedEvent[], trusted: WebhookChannel[], log: Logger): { channel: WebhookChannel; event: RoutedEvent['event'] }[] {
  const byNumber = new Map(trusted.filter((c) => c.phone_number_id).map((c) => [c.phone_number_id!, c]));
  const out: { channel: WebhookChannel; event: RoutedEvent['event'] }[] = [];
  for (const e of events) {
    let targets: WebhookChannel[];
    if (e.phoneNumberId) targets = byNumber.has(e.phoneNumberId) ? [byNumber.get(e.phoneNumberId)!] : [];
    else {
      const inAccount = trusted.filter((c) => c.waba_id === e.wabaId);
      if (e.displayNumber) targets = inAccount.filter((c) => digitsOf(c.display_number) === e.displayNumber).slice(0, 1);
      else if (e.event.kind === 'account.update') targets = inAccount;
      else targets = inAccount.slice(0, e.event.kind === 'unhandled' || inAccount.length === 1 ? 1 : 0);
    }
    if (targets.length === 0) log.warn({ phoneNumberId: e.phoneNumberId, kind: e.event.kind }, 'webhook change for a number not connected here skipped');
    for (const channel of targets) out.push({ channel, event: targets.length > 1 ? { ...e.event, key: `${e.event.key}:${channel.id}` } : e.event });
  }
  return out;
}
