import { ControlError } from '../control/control-error.js';
import { declineBusinessCall } from './business-calls.js';
import type { Engine } from '../engine.js';
import { newCallId } from '../ids.js';
import { autoGrantOnUserCall } from '../permissions.js';
import { activeCallBetween, pairOf } from '../state/store.js';
import type { BusinessNumber, EmuCall, SimUser } from '../state/types.js';
import { callConnect } from '../webhooks/envelope.js';
import { attachMedia, endCall } from './call-lifecycle.js';

/** The customer calls the business: a werift offer goes out in a `connect` webhook, and Meta's accept window starts. */
export async function placeUserCall(
  engine: Engine,
  number: BusinessNumber,
  user: SimUser,
  opts: { deeplinkPayload?: string; ctaPayload?: string } = {},
): Promise<EmuCall> {
  if (number.calling.status !== 'ENABLED') throw new ControlError(409, 'calling_disabled', 'Calling is not enabled on this business number, so the customer has no call button.');
  if (number.calling.sip?.status === 'ENABLED') throw new ControlError(409, 'sip_enabled', 'This number uses SIP signalling; the emulator only plays Graph + webhooks calls.');
  if (activeCallBetween(engine.store, number.phoneNumberId, user.waId)) {
    throw new ControlError(409, 'duplicate_call', 'This customer already has a call with this business number.');
  }
  const now = engine.clock.now();
  const call: EmuCall = {
    id: newCallId(),
    direction: 'USER_INITIATED',
    phoneNumberId: number.phoneNumberId,
    userWaId: user.waId,
    state: 'ringing',
    createdAt: now,
    violations: [],
    timers: {},
    mediaSignalsSinceCheck: 0,
    ...(opts.deeplinkPayload !== undefined ? { deeplinkPayload: opts.deeplinkPayload } : {}),
    ...(opts.ctaPayload !== undefined ? { ctaPayload: opts.ctaPayload } : {}),
  };
  engine.store.calls.set(call.id, call);
  attachMedia(engine, call);
  try {
    call.offerSdp = await call.media!.createOffer();
  } catch (error) {
    engine.store.calls.delete(call.id);
    await call.media?.close();
    throw error;
  }
  // A user call, answered or not, opens or refreshes the customer-service window.
  pairOf(engine.store, number.phoneNumberId, user.waId).lastUserActivityAt = now;
  engine.webhooks.send(number, callConnect(number, user, call, now, call.offerSdp));
  autoGrantOnUserCall(engine, number, user, call.id);
  call.timers.window = engine.clock.schedule(now + engine.timing.acceptWindowMs, `accept window ${call.id}`, () =>
    endCall(engine, call, { status: 'FAILED', reason: 'not_answered_in_time' }),
  );
  engine.logger.info({ callId: call.id, phoneNumberId: number.phoneNumberId }, 'user call placed');
  return call;
}

/** The customer hangs up (or, for a ringing business call, declines by hanging up). */
export async function userHangsUp(engine: Engine, call: EmuCall): Promise<void> {
  if (call.state === 'ended') throw new ControlError(409, 'call_ended', 'The call has already ended.');
  if (call.direction === 'BUSINESS_INITIATED' && call.state === 'ringing') {
    await declineBusinessCall(engine, call);
    return;
  }
  await endCall(engine, call, { status: call.state === 'accepted' ? 'COMPLETED' : 'FAILED', reason: 'user_hangup' });
}
