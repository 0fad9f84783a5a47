import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { callRow, customerCalls, journey, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** Step 4 targets: an agent-group queue accepts at WhatsApp at once, plays prompts, offers when someone frees up, voicemail after the max wait. */
describe('queue and voicemail', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 2, ringGroup: null, queue: { agents: [0, 1], strategy: 'longest_idle', maxWaitSeconds: 120 } });
    for (const a of w.tenant.agents) await w.desk(a);
  });
  afterAll(async () => w?.stop());

  it('with nobody free the caller is accepted into the queue and hears the prompts; a free agent is offered the call', async () => {
    const call = await customerCalls(w);
    const row = await waitStatus(w, call.callId, 'queued');
    expect(row.provider_accepted).toBe(true);
    await eventually(async () => (await w.emu.control.getCall(call.providerCallId)).state === 'accepted', 'accepted at WhatsApp');
    // The queue-entry prompt reaches the caller as real audio (not only packets of silence).
    await eventually(async () => {
      const a = await w.emu.control.getAudio(call.providerCallId, { window_ms: 1000 });
      return (a.received?.packets ?? 0) > 20 && a.dominant_frequency_hz !== null;
    }, 'prompt audio at the caller', 20_000);
    expect(await w.app.scheduler.next('call.queue_prompt', call.callId)).not.toBeNull();
    const agent = w.tenant.agents[1]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const offer = await w.desks[1]!.next('call.offered', (m) => m.id === call.callId);
    expect(offer.tier).toBe('queue');
    expect((await as(w.app, agent).post(`/api/calls/${call.callId}/accept`)).status).toBe(200);
    expect((await callRow(w, call.callId)).status).toBe('connected');
    expect(await w.app.scheduler.next('call.queue_timeout', call.callId)).toBeNull();
    await as(w.app, agent).post(`/api/calls/${call.callId}/hangup`);
    await as(w.app, agent).put('/api/me/presence', { status: 'offline' });
  });

  it('after the queue\'s max wait the caller goes to voicemail; the message lands in the room with its audio', async () => {
    const call = await customerCalls(w, { tone: 700 });
    await waitStatus(w, call.callId, 'queued');
    await w.app.tick(119_000);
    expect((await callRow(w, call.callId)).status).toBe('queued');
    await w.app.tick(1_000);
    await waitStatus(w, call.callId, 'voicemail');
    // The voicemail prompt plays, then the caller speaks (700 Hz) for a moment and hangs up.
    await new Promise((r) => setTimeout(r, 3000));
    await w.emu.control.hangup(call.providerCallId);
    const ended = await waitStatus(w, call.callId, 'ended');
    expect(ended.result).toBe('voicemail');
    expect(await journey(w, call.callId)).toEqual(expect.arrayContaining(['queued', 'voicemail', 'ended']));
    const msg = await eventually(() => w.app.database.db.selectFrom('messages').selectAll().where('call_id', '=', call.callId).where('type', '=', 'voicemail').executeTakeFirst(), 'voicemail message');
    expect(msg.conversation_id).toBe(ended.conversation_id);
    const rec = await eventually(async () => (await callRow(w, call.callId)).recording_path, 'voicemail file');
    const { readRecording } = await import('../../../src/media/testing/read-recording.js');
    const audio = await readRecording(rec);
    expect(audio.durationMs).toBeGreaterThan(500);
  });
});
