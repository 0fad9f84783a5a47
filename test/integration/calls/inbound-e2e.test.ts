import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient } from '../../../src/media/testing/agent-client.js';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { createWorld, type World } from '../../support/world.js';

const CUSTOMER = '+6281234567890';

describe('inbound call end to end (emulator ↔ server ↔ media bridge ↔ agent)', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
  });
  afterAll(async () => w?.stop());

  it('a customer message creates the conversation and reaches the agent desk', async () => {
    const agent = w.tenant.agents[0]!;
    const desk = await w.desk(agent);
    await w.emu.control.sendMessage({ from: CUSTOMER, to: w.channel.phoneNumberId, text: 'Halo, saya mau tanya' });
    const m = await desk.next('message.created', (x) => (x.message as { body?: string })?.body === 'Halo, saya mau tanya');
    const list = await as(w.app, agent).get('/api/conversations');
    expect(list.status).toBe(200);
    const conv = list.body.items.find((c: { id: string }) => c.id === m.conversation_id);
    expect(conv).toMatchObject({ status: 'open', window_open: true, contact: { phone: CUSTOMER } });
  });

  it('a call is pre-accepted with a valid SDP answer, offered, accepted, and audio flows both ways', async () => {
    const agent = w.tenant.agents[0]!;
    await w.available(agent);
    const desk = w.desks[0]!;
    const placed = await w.emu.control.placeCall({ from: CUSTOMER, to: w.channel.phoneNumberId, tone: 440 });
    const offer = await desk.next('call.offered');
    expect(offer).toMatchObject({ ani: CUSTOMER, channel: { id: w.channel.id } });
    expect(typeof offer.ring_deadline).toBe('string');
    // Meta (the emulator) saw a pre_accept whose SDP it accepted.
    await eventually(async () => (await w.emu.control.getCall(placed.id)).pre_accepted, 'pre_accept');

    const accepted = await as(w.app, agent).post(`/api/calls/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('connected');
    const mediaOffer = await desk.next('media.offer', (m) => m.call_id === offer.id);
    const client = createAgentClient({ toneHz: 1000 });
    try {
      const answer = await client.answer(String(mediaOffer.sdp));
      await desk.command({ type: 'media.answer', call_id: offer.id, leg_id: mediaOffer.leg_id, sdp: answer });
      // The customer hears the agent's 1 kHz tone; the agent hears the customer's 440 Hz.
      await eventually(async () => {
        const a = await w.emu.control.getAudio(placed.id, { tones: [1000, 440] });
        return a.tone_levels['1000']! > 0.2 && a.tone_levels['1000']! > 5 * a.tone_levels['440']!;
      }, 'customer hears agent tone', 20_000);
      await eventually(() => {
        const heard = client.heard[0];
        return heard ? heard.level(440, 500) > 0.2 : false;
      }, 'agent hears customer tone', 20_000);
      const emuCall = await w.emu.control.getCall(placed.id);
      expect(emuCall.state).toBe('accepted');
      expect(emuCall.violations).toEqual([]);

      const hung = await as(w.app, agent).post(`/api/calls/${offer.id}/hangup`);
      expect(hung.body).toMatchObject({ status: 'ended', result: 'answered' });
      await eventually(async () => (await w.emu.control.getCall(placed.id)).state === 'ended', 'emulator call ended');
      const record = await as(w.app, agent).get(`/api/calls/${offer.id}`);
      expect(record.body).toMatchObject({ direction: 'inbound', status: 'ended', result: 'answered', provider_call_id: placed.id, agent_id: agent.id });
      expect(record.body.talk_duration).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      const events = record.body.journey.map((j: { event: string }) => j.event);
      expect(events).toEqual(expect.arrayContaining(['received', 'routed', 'offered', 'provider_pre_accepted', 'answered', 'provider_accepted', 'ended']));
      const msgs = await as(w.app, agent).get(`/api/conversations/${record.body.conversation_id}/messages`);
      expect(msgs.body.items.some((m: { type: string; body: string }) => m.type === 'call' && /^Call ended \d{2}:\d{2}:\d{2}$/.test(m.body))).toBe(true);
    } finally {
      client.close();
    }
  });
});
