import { connectBusinessCall } from '../calls/business-calls.js';
import { endCall, markConnected } from '../calls/call-lifecycle.js';
import type { Engine } from '../engine.js';
import { normalizeSdp, sdpHash, sdpProblem } from '../sdp.js';
import type { BusinessNumber, EmuCall } from '../state/types.js';
import { graphErrors, invalidParameter } from './graph-error.js';
import { answerBody, CALL_ACTIONS, connectBody, parseGraph, simpleCallActionBody } from './graph-schemas.js';

/** `POST /{phone-number-id}/calls`: one endpoint, the `action` field picks the operation. */
export async function handleCallsRequest(engine: Engine, number: BusinessNumber, raw: unknown): Promise<Record<string, unknown>> {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (body.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product: must be "whatsapp"');
  const action = body.action;
  if (typeof action !== 'string' || !(CALL_ACTIONS as readonly string[]).includes(action)) {
    throw invalidParameter(`action: must be one of ${CALL_ACTIONS.join(', ')}`);
  }
  if (number.calling.sip?.status === 'ENABLED') throw graphErrors.sipEnabled();
  if (number.calling.status !== 'ENABLED') throw graphErrors.callingDisabled();
  const success = { messaging_product: 'whatsapp', success: true };

  switch (action) {
    case 'connect': {
      const parsed = parseGraph(connectBody, raw);
      const call = connectBusinessCall(engine, number, parsed);
      return { messaging_product: 'whatsapp', calls: [{ id: call.id }] };
    }
    case 'pre_accept':
    case 'accept': {
      const parsed = parseGraph(answerBody(action), raw);
      const call = userCall(engine, number, parsed.call_id);
      await answerUserCall(engine, call, action, parsed.session.sdp, parsed.biz_opaque_callback_data);
      return success;
    }
    case 'reject': {
      const parsed = parseGraph(simpleCallActionBody('reject'), raw);
      const call = userCall(engine, number, parsed.call_id);
      assertNotAnswered(call, 'reject');
      await endCall(engine, call, { status: 'FAILED', reason: 'rejected_by_business' });
      return success;
    }
    case 'terminate': {
      const parsed = parseGraph(simpleCallActionBody('terminate'), raw);
      const call = findCall(engine, number, parsed.call_id);
      if (call.state === 'ended') throw invalidParameter(`call_id: the call has already ended (${call.endStatus?.toLowerCase()})`, '(#100) Call already terminated');
      await endCall(engine, call, { status: call.state === 'accepted' ? 'COMPLETED' : 'FAILED', reason: 'terminated_by_business' });
      return success;
    }
    default:
      throw invalidParameter(`action: must be one of ${CALL_ACTIONS.join(', ')}`);
  }
}

function findCall(engine: Engine, number: BusinessNumber, callId: string): EmuCall {
  const call = engine.store.calls.get(callId);
  if (!call || call.phoneNumberId !== number.phoneNumberId) throw invalidParameter(`call_id: no call ${callId} on this phone number`, '(#100) Invalid call_id');
  return call;
}

function userCall(engine: Engine, number: BusinessNumber, callId: string): EmuCall {
  const call = findCall(engine, number, callId);
  if (call.direction !== 'USER_INITIATED') throw invalidParameter('call_id: pre_accept, accept and reject apply to user-initiated calls only');
  return call;
}

function assertNotAnswered(call: EmuCall, action: string): void {
  if (call.state === 'ended') {
    throw invalidParameter(`call_id: cannot ${action} a call that has already ended (${call.endStatus?.toLowerCase()})`, '(#100) Call already terminated');
  }
  if (call.state === 'accepted') throw invalidParameter(`call_id: cannot ${action} a call that is already accepted and in progress`, '(#100) Call already accepted');
}

async function answerUserCall(engine: Engine, call: EmuCall, action: 'pre_accept' | 'accept', sdp: string, opaque: string | undefined): Promise<void> {
  assertNotAnswered(call, action);
  const problem = sdpProblem(sdp);
  if (problem) throw invalidParameter(`session.sdp: ${problem}`);
  if (call.preAcceptSdp !== undefined && normalizeSdp(call.preAcceptSdp) !== normalizeSdp(sdp)) {
    throw invalidParameter(`session.sdp: the SDP in ${action} does not match the SDP sent in pre_accept for this call`);
  }
  if (call.answerSdp === undefined) {
    try {
      await call.media!.applyAnswer(sdp);
    } catch (error) {
      engine.logger.warn({ callId: call.id, sdpHash: sdpHash(sdp), error: String(error) }, 'answer SDP rejected');
      throw invalidParameter(`session.sdp: the answer could not be applied (${error instanceof Error ? error.message : String(error)})`);
    }
    call.answerSdp = sdp;
  }
  if (call.state === 'ended') throw invalidParameter('call_id: the call ended while the answer was applied');
  if (action === 'pre_accept') {
    call.preAcceptSdp = sdp;
    call.state = 'pre_accepted';
    return;
  }
  if (opaque !== undefined) call.bizOpaqueCallbackData = opaque;
  engine.clock.cancel(call.timers.window);
  markConnected(engine, call);
}
