import type { Engine } from './engine.js';
import { graphErrors, invalidParameter } from './graph/graph-error.js';
import type { MessageBody } from './graph/graph-schemas.js';
import { newMessageId } from './ids.js';
import { digitsOf, restrictedCountryOf } from './phone.js';
import { cprBlock, customerWindowOpen } from './rules/permission-rules.js';
import { ensureUser, pairOf } from './state/store.js';
import type { BusinessNumber, SimUser } from './state/types.js';
import { inboundMessage, messageStatus, ts } from './webhooks/envelope.js';

/** Messages both ways: the customer writing to the business, and `POST /{phone-number-id}/messages`. */

export function userSendsText(engine: Engine, number: BusinessNumber, user: SimUser, text: string): string {
  const now = engine.clock.now();
  const id = newMessageId();
  const message = { from: user.waId, id, timestamp: ts(now), type: 'text', text: { body: text } };
  pairOf(engine.store, number.phoneNumberId, user.waId).lastUserActivityAt = now;
  engine.store.messages.push({ id, direction: 'inbound', phoneNumberId: number.phoneNumberId, userWaId: user.waId, at: now, type: 'text', body: message });
  engine.webhooks.send(number, inboundMessage(number, user, message));
  return id;
}

/** A template counts as a call-permission request when one of its components is of that type. */
const isCprTemplate = (body: MessageBody): boolean =>
  (body.template?.components ?? []).some((c) => c.type === 'call_permission_request') || /call_permission/.test(body.template?.name ?? '');

export function businessSendsMessage(engine: Engine, number: BusinessNumber, body: MessageBody): Record<string, unknown> {
  const now = engine.clock.now();
  const waId = digitsOf(body.to);
  const type = body.type;
  if (type === 'text' && !body.text) throw invalidParameter('text: text.body is required for type "text"');
  if (type === 'interactive' && !body.interactive) throw invalidParameter('interactive: the interactive object is required for type "interactive"');
  if (type === 'template' && !body.template) throw invalidParameter('template: the template object is required for type "template"');
  const user = ensureUser(engine.store, waId);
  const pair = pairOf(engine.store, number.phoneNumberId, waId);
  const isCpr = (type === 'interactive' && body.interactive?.type === 'call_permission_request') || (type === 'template' && isCprTemplate(body));
  if (type !== 'template' && !customerWindowOpen(pair, now)) throw graphErrors.reengagement();
  if (isCpr) {
    const country = restrictedCountryOf(number.displayPhoneNumber);
    if (country) throw graphErrors.countryRestricted(country);
    const block = cprBlock(pair, now);
    if (block?.reason === 'permanent') throw graphErrors.permanentExists();
    if (block?.reason === 'limit') throw graphErrors.cprLimit(block.nextAllowedAt);
  }
  const id = newMessageId();
  if (isCpr) {
    pair.cprSentAt.push(now);
    pair.requests.push({ wamid: id, sentAt: now });
  }
  const recordType = isCpr ? 'call_permission_request' : type === 'interactive' ? `interactive:${body.interactive!.type}` : type;
  engine.store.messages.push({ id, direction: 'outbound', phoneNumberId: number.phoneNumberId, userWaId: user.waId, at: now, type: recordType, body });
  const category = type === 'template' ? (isCpr ? 'marketing' : 'utility') : 'service';
  engine.webhooks.send(number, messageStatus(number, id, user.waId, now, 'sent', category));
  engine.webhooks.send(number, messageStatus(number, id, user.waId, now, 'delivered', category));
  const message: Record<string, unknown> = { id };
  if (type === 'template') message.message_status = 'accepted';
  return { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: user.waId }], messages: [message] };
}
