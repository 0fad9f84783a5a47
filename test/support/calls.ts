import { as } from './fixtures.js';
import { eventually, type Desk } from './desk.js';
import type { World } from './world.js';

let n = 0;
/** A fresh customer number per call, so the emulator's one-call-per-pair rule never collides. */
export const nextCustomer = (): string => `+6281${String(300_000_000 + (++n * 7919) % 600_000_000).padStart(9, '0')}`;

/** The customer calls the world's channel; resolves when the server has the call row. */
export async function customerCalls(w: World, opts: { from?: string; tone?: number } = {}) {
  const from = opts.from ?? nextCustomer();
  const placed = await w.emu.control.placeCall({ from, to: w.channel.phoneNumberId, tone: opts.tone ?? 440 });
  const row = await eventually(
    () => w.app.database.db.selectFrom('calls').selectAll().where('provider_call_id', '=', placed.id).executeTakeFirst(),
    'call row',
  );
  return { from, providerCallId: placed.id, callId: row.id };
}

export async function callRow(w: World, callId: string) {
  return w.app.database.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
}

export async function waitStatus(w: World, callId: string, status: string | ((s: string, r: string | null) => boolean)) {
  return eventually(async () => {
    const r = await callRow(w, callId);
    return (typeof status === 'string' ? r.status === status : status(r.status, r.result)) ? r : null;
  }, `call ${callId} ${typeof status === 'string' ? status : 'state'}`);
}

export async function journey(w: World, callId: string): Promise<string[]> {
  const rows = await w.app.database.db.selectFrom('call_journey').select('event').where('call_id', '=', callId).orderBy('id').execute();
  return rows.map((r) => r.event);
}

export async function offersOf(w: World, callId: string) {
  return w.app.database.db.selectFrom('call_offers').select(['agent_id', 'status']).where('call_id', '=', callId).orderBy('offered_at').execute();
}

/** Wait until the provider events stored so far are applied. */
export async function settled(w: World): Promise<void> {
  await w.emu.flush();
  await w.app.services.providerEvents.idle();
}

export const api = as;

/** Answers the bridge's media offer for a call like the browser does, with a Node client saying `toneHz`. */
export async function connectAgentAudio(desk: Desk, callId: string, toneHz: number) {
  const { createAgentClient } = await import('../../src/media/testing/agent-client.js');
  // Like the browser: answer every fresh offer for the call until one connects (the server re-offers a failed leg).
  for (let attempt = 0; ; attempt++) {
    const offer = await desk.next('media.offer', (m) => m.call_id === callId && !answeredLegs.has(String(m.leg_id)));
    answeredLegs.add(String(offer.leg_id));
    const client = createAgentClient({ toneHz });
    const answer = await client.answer(String(offer.sdp));
    try {
      await desk.command({ type: 'media.answer', call_id: callId, leg_id: offer.leg_id, sdp: answer });
      return client;
    } catch (err) {
      client.close();
      if (attempt >= 3 || (err as Error).message !== 'MEDIA_FAILED') throw err;
    }
  }
}
const answeredLegs = new Set<string>();

/** What the customer hears right now (emulator's Goertzel levels). */
export async function customerHears(w: World, providerCallId: string, tones: number[]) {
  const a = await w.emu.control.getAudio(providerCallId, { tones, window_ms: 400 });
  return a.tone_levels;
}
