import type { Engine } from './engine.js';
import { newMessageId } from './ids.js';
import { permissionAt, TEMPORARY_PERMISSION_MS, WEEK_MS } from './rules/permission-rules.js';
import { pairOf } from './state/store.js';
import type { BusinessNumber, PairState, SimUser } from './state/types.js';
import { inboundMessage, ts } from './webhooks/envelope.js';

/** The customer's side of call permissions: replies, automatic grants and revocations. */

interface ReplyOptions {
  response: 'accept' | 'reject';
  permanent?: boolean;
  expiresAt?: number;
  source: 'user_action' | 'automatic';
  contextId?: string;
}

function sendReply(engine: Engine, number: BusinessNumber, user: SimUser, reply: ReplyOptions): string {
  const now = engine.clock.now();
  const id = newMessageId();
  const body: Record<string, unknown> = { response: reply.response };
  if (reply.response === 'accept') {
    body.is_permanent = reply.permanent === true;
    if (!reply.permanent && reply.expiresAt !== undefined) body.expiration_timestamp = ts(reply.expiresAt);
  }
  body.response_source = reply.source;
  const message: Record<string, unknown> = { from: user.waId, id, timestamp: ts(now) };
  if (reply.contextId) message.context = { from: user.waId, id: reply.contextId };
  message.type = 'interactive';
  message.interactive = { type: 'call_permission_reply', call_permission_reply: body };
  engine.store.messages.push({ id, direction: 'inbound', phoneNumberId: number.phoneNumberId, userWaId: user.waId, at: now, type: 'call_permission_reply', body: message });
  engine.webhooks.send(number, inboundMessage(number, user, message));
  return id;
}

/** The newest request the user can still answer (a request stays open 7 days). */
export function openRequest(pair: PairState, now: number) {
  return [...pair.requests].reverse().find((r) => now < r.sentAt + WEEK_MS);
}

export interface PermissionChange {
  message_id: string;
  context_id: string | null;
  permission: ReturnType<typeof permissionAt>;
}

export function grantPermission(
  engine: Engine,
  number: BusinessNumber,
  user: SimUser,
  opts: { permanent: boolean; via?: 'auto' | 'request' | 'profile'; contextId?: string },
): PermissionChange {
  const now = engine.clock.now();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  const request = opts.via === 'profile' ? undefined : opts.contextId ? pair.requests.find((r) => r.wamid === opts.contextId) : openRequest(pair, now);
  if (opts.via === 'request' && !request) throw new Error('There is no open call permission request to reply to');
  if (request) {
    request.response = 'accept';
    request.respondedAt = now;
  }
  const expiresAt = now + TEMPORARY_PERMISSION_MS;
  pair.permission = opts.permanent ? { kind: 'permanent', grantedAt: now } : { kind: 'temporary', grantedAt: now, expiresAt };
  pair.lastUserActivityAt = now;
  pair.consecutiveMisses = 0;
  const id = sendReply(engine, number, user, {
    response: 'accept',
    permanent: opts.permanent,
    expiresAt,
    source: 'user_action',
    contextId: request?.wamid ?? opts.contextId,
  });
  return { message_id: id, context_id: request?.wamid ?? null, permission: permissionAt(pair, now) };
}

export function denyPermission(engine: Engine, number: BusinessNumber, user: SimUser, opts: { contextId?: string } = {}): PermissionChange {
  const now = engine.clock.now();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  const request = opts.contextId ? pair.requests.find((r) => r.wamid === opts.contextId) : openRequest(pair, now);
  if (request) {
    request.response = 'reject';
    request.respondedAt = now;
  }
  pair.permission = { kind: 'none' };
  pair.lastUserActivityAt = now;
  const id = sendReply(engine, number, user, { response: 'reject', source: 'user_action', contextId: request?.wamid });
  return { message_id: id, context_id: request?.wamid ?? null, permission: permissionAt(pair, now) };
}

/** The user withdraws a permission from the business profile: a reject with no context. */
export function revokePermission(engine: Engine, number: BusinessNumber, user: SimUser): PermissionChange {
  const now = engine.clock.now();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  pair.permission = { kind: 'none' };
  const id = sendReply(engine, number, user, { response: 'reject', source: 'user_action' });
  return { message_id: id, context_id: null, permission: permissionAt(pair, now) };
}

/** A user call to a number with callback_permission_status ENABLED grants a temporary permission. */
export function autoGrantOnUserCall(engine: Engine, number: BusinessNumber, user: SimUser, callId: string): void {
  if (number.calling.callback_permission_status !== 'ENABLED') return;
  const now = engine.clock.now();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  if (permissionAt(pair, now).status === 'permanent') return;
  const expiresAt = now + TEMPORARY_PERMISSION_MS;
  pair.permission = { kind: 'temporary', grantedAt: now, expiresAt };
  sendReply(engine, number, user, { response: 'accept', permanent: false, expiresAt, source: 'automatic', contextId: callId });
}

/** An unanswered or rejected business call: 2 in a row → reconsider notice, 4 → automatic revoke. */
export function registerMissedBusinessCall(engine: Engine, number: BusinessNumber, user: SimUser): void {
  const now = engine.clock.now();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  pair.consecutiveMisses++;
  const base = { at: now, phoneNumberId: number.phoneNumberId, userWaId: user.waId };
  if (pair.consecutiveMisses === 2) {
    engine.store.notices.push({
      ...base,
      kind: 'reconsider_calls',
      text: `${number.displayPhoneNumber} called you twice without you answering. WhatsApp asks whether you still want calls from this business.`,
    });
  }
  if (pair.consecutiveMisses >= 4) {
    pair.consecutiveMisses = 0;
    if (permissionAt(pair, now).status === 'no_permission') return;
    pair.permission = { kind: 'none' };
    engine.store.notices.push({ ...base, kind: 'permission_auto_revoked', text: 'Call permission revoked after 4 consecutive unanswered or rejected calls.' });
    sendReply(engine, number, user, { response: 'reject', source: 'automatic' });
  }
}
