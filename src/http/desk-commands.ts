import { z } from 'zod';
import type { Actor } from '../app/actor.js';
import type { Services } from '../app/services.js';
import { AppError } from '../domain/errors.js';
import type { Hub, InboundMessage } from '../realtime/hub.js';
import { zodDetails } from './errors.js';

const callId = z.string().uuid();

function parse<T>(schema: z.ZodType<T>, msg: InboundMessage): T {
  const r = schema.safeParse(msg);
  if (!r.success) throw new AppError('VALIDATION_FAILED', 'The message is invalid.', zodDetails(r.error, 'message'));
  return r.data;
}

/** Desk commands over the WebSocket: the same use cases as the HTTP actions. */
export function registerDeskCommands(hub: Hub, s: Services): void {
  const simple = (type: string, run: (actor: Actor, id: string) => Promise<unknown>) =>
    hub.on(type, async (actor, msg) => {
      const { call_id } = parse(z.looseObject({ call_id: callId }), msg);
      const row = await run(actor, call_id);
      return row && typeof row === 'object' && 'status' in row ? s.calls.summarize(row as never) : null;
    });
  simple('call.accept', (a, id) => s.callCommands.accept(a, id));
  simple('call.reject', (a, id) => s.callCommands.reject(a, id));
  simple('call.hangup', (a, id) => s.callCommands.hangup(a, id));
  simple('call.hold', (a, id) => s.callCommands.hold(a, id));
  simple('call.resume', (a, id) => s.callCommands.resume(a, id));
  hub.on('call.mute', async (actor, msg) => {
    const m = parse(z.looseObject({ call_id: callId, muted: z.boolean() }), msg);
    return s.calls.summarize(await s.callCommands.mute(actor, m.call_id, m.muted));
  });
  hub.on('call.dtmf', async (actor, msg) => {
    const m = parse(z.looseObject({ call_id: callId, digits: z.string() }), msg);
    return s.calls.summarize(await s.callCommands.dtmf(actor, m.call_id, m.digits));
  });
  hub.on('call.transfer', async (actor, msg) => {
    const m = parse(z.looseObject({ call_id: callId, agent_group_id: z.string().uuid().optional(), agent_id: z.string().uuid().optional() }), msg);
    return s.calls.summarize(await s.callCommands.transfer(actor, m.call_id, m));
  });
  // After a desk reload mid-call: a fresh media.offer for the agent's leg.
  simple('media.reconnect', (a, id) => s.callCommands.reconnectAudio(a, id));
  hub.on('call.monitor', async (actor, msg) => {
    const m = parse(z.looseObject({ call_id: callId, mode: z.enum(['listen', 'whisper', 'barge', 'stop']) }), msg);
    return s.callCommands.monitor(actor, m.call_id, m.mode);
  });
  hub.on('media.answer', async (actor, msg) => {
    const m = parse(z.looseObject({ call_id: callId, leg_id: z.string().min(1).max(100), sdp: z.string().min(10).max(20_000) }), msg);
    await s.calls.agentAnswered(actor.userId, m.call_id, m.leg_id, m.sdp);
    return null;
  });
}
