import { ControlError } from '../control/control-error.js';
import type { Engine } from '../engine.js';
import { graphErrors, invalidParameter } from '../graph/graph-error.js';
import { newCallId } from '../ids.js';
import { registerMissedBusinessCall } from '../permissions.js';
import { digitsOf, restrictedCountryOf } from '../phone.js';
import { connectedCallUsage, permissionAt } from '../rules/permission-rules.js';
import { sdpProblem } from '../sdp.js';
import { activeCallBetween, ensureUser, pairOf } from '../state/store.js';
import type { BusinessNumber, EmuCall } from '../state/types.js';
import { callConnect, callStatus } from '../webhooks/envelope.js';
import { attachMedia, callErrors, endCall, markConnected, requireNumber } from './call-lifecycle.js';

/** Business-initiated calls: `connect` checks Meta's rules, then the customer's phone rings. */
export function connectBusinessCall(
  engine: Engine,
  number: BusinessNumber,
  body: { to?: string; recipient?: string; session: { sdp: string }; biz_opaque_callback_data?: string },
): EmuCall {
  const to = body.to ?? body.recipient;
  if (!to) throw invalidParameter('to: the user phone number is required for action "connect"');
  const country = restrictedCountryOf(number.displayPhoneNumber);
  if (country) throw graphErrors.countryRestricted(country);
  const problem = sdpProblem(body.session.sdp);
  if (problem) throw invalidParameter(`session.sdp: ${problem}`);
  const user = ensureUser(engine.store, digitsOf(to));
  const now = engine.clock.now();
  if (activeCallBetween(engine.store, number.phoneNumberId, user.waId)) throw graphErrors.duplicateCall();
  const pair = pairOf(engine.store, number.phoneNumberId, user.waId);
  if (permissionAt(pair, now).status === 'no_permission') throw graphErrors.noPermission();
  const usage = connectedCallUsage(pair, now, number.connectedCallLimit);
  if (usage.used >= usage.max) throw graphErrors.connectedCallLimit(usage.resetsAt!, usage.max);

  const call: EmuCall = {
    id: newCallId(),
    direction: 'BUSINESS_INITIATED',
    phoneNumberId: number.phoneNumberId,
    userWaId: user.waId,
    state: 'ringing',
    createdAt: now,
    offerSdp: body.session.sdp,
    violations: [],
    timers: {},
    mediaSignalsSinceCheck: 0,
    ...(body.biz_opaque_callback_data !== undefined ? { bizOpaqueCallbackData: body.biz_opaque_callback_data } : {}),
  };
  engine.store.calls.set(call.id, call);
  engine.webhooks.send(number, callStatus(number, call, now, 'RINGING'));
  call.timers.ring = engine.clock.schedule(now + engine.timing.bicRingTimeoutMs, `ring timeout ${call.id}`, async () => {
    if (call.state !== 'ringing') return;
    await endCall(engine, call, { status: 'FAILED', reason: 'unanswered' });
    registerMissedBusinessCall(engine, number, user);
  });
  const policy = user.policy;
  if (policy.mode === 'answer' || policy.mode === 'decline') {
    call.timers.auto = engine.clock.schedule(now + policy.afterMs, `auto ${policy.mode} ${call.id}`, async () => {
      if (call.state !== 'ringing') return;
      if (policy.mode === 'answer') await answerBusinessCall(engine, call);
      else await declineBusinessCall(engine, call);
    });
  }
  engine.logger.info({ callId: call.id, phoneNumberId: number.phoneNumberId }, 'business call ringing');
  return call;
}

/** The customer picks up: werift answers the business offer and the answer goes out in a `connect` webhook. */
export async function answerBusinessCall(engine: Engine, call: EmuCall): Promise<void> {
  if (call.direction !== 'BUSINESS_INITIATED') throw new ControlError(409, 'wrong_direction', 'Only business-initiated calls are answered by the customer.');
  if (call.state !== 'ringing') throw new ControlError(409, 'not_ringing', `The call is ${call.state}, not ringing.`);
  const number = requireNumber(engine, call);
  const user = ensureUser(engine.store, call.userWaId);
  call.state = 'connecting';
  call.answeredAt = engine.clock.now();
  engine.clock.cancel(call.timers.ring);
  engine.clock.cancel(call.timers.auto);
  let connected = false;
  let answerSent = false;
  const onConnected = () => {
    if (connected || !answerSent || call.state !== 'connecting' || media.connectionState() !== 'connected') return;
    connected = true;
    markConnected(engine, call);
    engine.webhooks.send(number, callStatus(number, call, engine.clock.now(), 'ACCEPTED'));
  };
  attachMedia(engine, call, onConnected);
  const media = call.media!;
  try {
    call.answerSdp = await media.answerOffer(call.offerSdp!);
  } catch (error) {
    engine.logger.warn({ callId: call.id, error: String(error) }, 'customer could not answer the business offer');
    await endCall(engine, call, {
      status: 'FAILED',
      reason: 'setup_failed',
      error: { code: 138019, message: 'Call setup failed', details: 'The offer SDP could not be applied by the WhatsApp client.' },
    });
    return;
  }
  if (call.state !== 'connecting') return;
  pairOf(engine.store, number.phoneNumberId, user.waId).lastUserActivityAt = engine.clock.now();
  engine.webhooks.send(number, callConnect(number, user, call, engine.clock.now(), call.answerSdp));
  answerSent = true;
  onConnected();
  call.timers.ring = engine.clock.schedule(engine.clock.now() + engine.timing.bicConnectTimeoutMs, `connect timeout ${call.id}`, async () => {
    if (call.state !== 'connecting') return;
    await endCall(engine, call, {
      status: 'FAILED',
      reason: 'media_not_connected',
      error: callErrors.connectTimeout('The business did not apply the answer SDP or media did not connect in time.'),
    });
  });
}

export async function declineBusinessCall(engine: Engine, call: EmuCall): Promise<void> {
  if (call.direction !== 'BUSINESS_INITIATED') throw new ControlError(409, 'wrong_direction', 'Only business-initiated calls are declined by the customer.');
  if (call.state !== 'ringing') throw new ControlError(409, 'not_ringing', `The call is ${call.state}, not ringing.`);
  const number = requireNumber(engine, call);
  engine.webhooks.send(number, callStatus(number, call, engine.clock.now(), 'REJECTED'));
  await endCall(engine, call, { status: 'FAILED', reason: 'declined' });
  registerMissedBusinessCall(engine, number, ensureUser(engine.store, call.userWaId));
}
