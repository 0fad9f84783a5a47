import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import type { ProviderEventsService, WebhookChannel } from '../../app/webhooks/provider-events-service.js';
import type { Database } from '../../store/database.js';
import { parseWebhook } from './parse-webhook.js';
import { verifySignature } from './verify-signature.js';

const unauthorized = { error: { code: 'UNAUTHENTICATED', message: 'Webhook signature missing or invalid, or unknown phone number.', details: null } };

/**
 * `GET|POST /webhooks/whatsapp`: Meta's verification handshake and signed event deliveries. The
 * channel is found by `metadata.phone_number_id` (or the WABA id for account events) and the
 * signature checked with its app secret before anything is stored.
 */
export function registerWhatsAppWebhook(app: FastifyInstance, deps: { events: ProviderEventsService; database: Database; clock: Clock; log: Logger }): void {
  app.get('/webhooks/whatsapp', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const mode = q['hub.mode'];
    const token = q['hub.verify_token'];
    const challenge = q['hub.challenge'];
    if (mode !== 'subscribe' || !token || challenge === undefined) return reply.status(403).type('text/plain').send('Forbidden');
    const match = await deps.database.db.selectFrom('channels').select('id').where('verify_token', '=', token).executeTakeFirst();
    if (!match) return reply.status(403).type('text/plain').send('Forbidden');
    return reply.status(200).type('text/plain').send(challenge);
  });

  app.post('/webhooks/whatsapp', async (req, reply) => {
    const receivedAt = deps.clock.now();
    const parsed = parseWebhook(req.body, receivedAt);
    if (!parsed.ok) return reply.status(401).send(unauthorized);
    const pnids = [...new Set(parsed.events.map((e) => e.phoneNumberId).filter((x): x is string => x !== null))];
    const wabas = [...new Set(parsed.events.filter((e) => e.phoneNumberId === null).map((e) => e.wabaId))];
    const channels = await deps.events.channelsFor(pnids, wabas);
    const secrets = [...new Set(channels.map((c) => c.app_secret).filter((s): s is string => Boolean(s)))];
    const good = secrets.find((s) => verifySignature(req.rawBody, req.headers['x-hub-signature-256'], s).ok);
    if (!good) {
      deps.log.warn({ numbers: pnids.length, known: channels.length }, 'webhook rejected: signature or phone number');
      return reply.status(401).send(unauthorized);
    }
    const trusted = channels.filter((c) => c.app_secret === good);
    const byNumber = new Map(trusted.filter((c) => c.phone_number_id).map((c) => [c.phone_number_id!, c]));
    const items: { channel: WebhookChannel; event: (typeof parsed.events)[number]['event'] }[] = [];
    for (const e of parsed.events) {
      const channel = e.phoneNumberId ? byNumber.get(e.phoneNumberId) : trusted.find((c) => c.waba_id === e.wabaId);
      if (channel) items.push({ channel, event: e.event });
      else deps.log.warn({ phoneNumberId: e.phoneNumberId }, 'webhook change for an unknown number skipped');
    }
    if (items.length === 0) return reply.status(401).send(unauthorized);
    const fresh = await deps.events.store(items, receivedAt);
    reply.status(200).send({ received: items.length, new: fresh.length });
    // Applying happens after the acknowledgement; failures stay pending and are retried.
    void deps.events.apply(fresh).catch((err) => deps.log.error({ err }, 'applying webhook events failed'));
    return reply;
  });
}
