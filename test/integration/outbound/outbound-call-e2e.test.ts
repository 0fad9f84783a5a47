import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRow, connectAgentAudio, journey, settled, waitStatus } from '../../support/calls.js';
import { eventually } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import {
  balanceOf, callableCustomer, createOutboundWorld, customerWithRoom, emulatorCall, grant, invite, permissionView, placeCall, RATE_ID,
} from './support.js';

describe('business-initiated call end to end (invite → grant → call → audio → charge)', () => {
  let w: World;
  beforeAll(async () => {
    w = await createOutboundWorld();
  });
  afterAll(async () => w?.stop());

  it('invite, grant, call, answer: agent and customer hear each other; a 61 s call is charged 2 minutes', async () => {
    const agent = w.tenant.agents[0]!;
    const desk = await w.desk(agent);
    const c = await customerWithRoom(w);

    const sent = await invite(w, agent, c.conversationId, 'Boleh kami telepon soal pesanan Anda?');
    expect(sent.status).toBe(201);
    expect(sent.body.request.id).toMatch(/^wamid\./);
    expect(sent.body.permission).toMatchObject({ status: 'none', pending_request: { id: sent.body.request.id } });
    expect(Date.parse(sent.body.request.expires_at) - Date.parse(sent.body.request.sent_at)).toBe(72 * 3_600_000);
    const cpr = (await w.emu.control.listMessages({ user: c.phone, direction: 'outbound' })).find((m) => m.id === sent.body.request.id);
    expect(cpr?.body).toMatchObject({ type: 'interactive', interactive: { type: 'call_permission_request', body: { text: 'Boleh kami telepon soal pesanan Anda?' } } });

    w.app.clock.advance(60_000); // the customer reads the invite for a minute
    await grant(w, c, { via: 'request' });
    const header = await permissionView(w, agent, c.conversationId);
    expect(header.status).toBe(200);
    expect(header.body).toMatchObject({ status: 'temporary', pending_request: null, call: { allowed: true }, warning: null });
    expect(Date.parse(header.body.expires_at)).toBeGreaterThan(w.app.clock.now().getTime() + 6 * 86_400_000);
    const roomMessages = await as(w.app, agent).get(`/api/conversations/${c.conversationId}/messages`);
    expect(roomMessages.body.items.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^Accepted \(temporary, until /)]));

    const balanceBefore = await balanceOf(w);
    const placed = await placeCall(w, agent, c.conversationId);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ direction: 'outbound', agent_id: agent.id, conversation_id: c.conversationId, permission_warning: false });
    expect(['dialing', 'ringing']).toContain(placed.body.status);
    const callId = placed.body.id as string;
    // The agent's leg is offered while the customer's phone rings (the agent hears silence until answered).
    const client = await connectAgentAudio(desk, callId, 1000);
    try {
      const wacid = await emulatorCall(w, callId);
      await waitStatus(w, callId, 'ringing');
      await w.emu.control.answer(wacid);
      await waitStatus(w, callId, 'connected');
      await eventually(async () => {
        const a = await w.emu.control.getAudio(wacid, { tones: [1000, 440] });
        return a.tone_levels['1000']! > 0.2 && a.tone_levels['1000']! > 5 * a.tone_levels['440']!;
      }, 'customer hears the agent', 20_000);
      await eventually(() => (client.heard[0]?.level(440, 500) ?? 0) > 0.2, 'agent hears the customer', 20_000);
      expect((await w.emu.control.getCall(wacid)).violations).toEqual([]);

      // Talk time is the server's: 61 s from the answer is two started minutes.
      w.app.clock.advance(61_000);
      const hung = await as(w.app, agent).post(`/api/calls/${callId}/hangup`);
      expect(hung.body).toMatchObject({ status: 'ended', result: 'answered', talk_seconds: 61 });
      await eventually(async () => (await w.emu.control.getCall(wacid)).state === 'ended', 'emulator call ended');
    } finally {
      client.close();
    }
    const record = await as(w.app, agent).get(`/api/calls/${callId}`);
    expect(record.body).toMatchObject({ direction: 'outbound', result: 'answered', talk_duration: '00:01:01', cost_minor: 2 * RATE_ID, currency: 'IDR' });
    expect(record.body.journey.map((j: { event: string }) => j.event)).toEqual(
      expect.arrayContaining(['dialing', 'provider_dialing', 'ringing', 'media_answer', 'answered', 'media_connected', 'ended']),
    );
    const ledger = await as(w.app, w.tenant.admin).get(`/api/billing/ledger?call_id=${callId}`);
    expect(ledger.body.items).toEqual([expect.objectContaining({ kind: 'call_charge', call_id: callId, amount_minor: -2 * RATE_ID, balance_after_minor: balanceBefore - 2 * RATE_ID })]);
    expect(await balanceOf(w)).toBe(balanceBefore - 2 * RATE_ID);
    // A connected call resets the request limits and counts toward the 24 h call limit.
    const after = await permissionView(w, agent, c.conversationId);
    expect(after.body).toMatchObject({ next_request_allowed_at: null, attempts: { connected_last_24h: 1, consecutive_unanswered: 0 } });
    const presence = await w.app.database.db.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', agent.id).executeTakeFirstOrThrow();
    expect(presence.current_call_id).toBeNull();
  });

  it('the customer declines: the call ends rejected, nothing is charged, the agent is free again', async () => {
    const agent = w.tenant.agents[1]!;
    const c = await callableCustomer(w, agent);
    const placed = await placeCall(w, agent, c.conversationId);
    expect(placed.status).toBe(201);
    const wacid = await emulatorCall(w, placed.body.id);
    await waitStatus(w, placed.body.id, 'ringing');
    await w.emu.control.decline(wacid);
    const row = await waitStatus(w, placed.body.id, 'ended');
    await settled(w);
    expect(row).toMatchObject({ result: 'rejected', ended_by: 'customer', cost_minor: 0, answered_at: null });
    expect(await journey(w, placed.body.id)).toContain('ended');
    const presence = await w.app.database.db.selectFrom('agent_presence').select('current_call_id').where('user_id', '=', agent.id).executeTakeFirstOrThrow();
    expect(presence.current_call_id).toBeNull();
    const ledger = await as(w.app, w.tenant.admin).get(`/api/billing/ledger?call_id=${placed.body.id}`);
    expect(ledger.body.items).toEqual([]);
    const msgs = await as(w.app, agent).get(`/api/conversations/${c.conversationId}/messages`);
    expect(msgs.body.items.some((m: { type: string; body: string }) => m.type === 'call' && m.body === 'Call declined')).toBe(true);
  });

  it('nobody answers: the ring timeout ends the call unanswered and WhatsApp is told to stop ringing', async () => {
    const agent = w.tenant.agents[2]!;
    const c = await callableCustomer(w, agent);
    const placed = await placeCall(w, agent, c.conversationId);
    const wacid = await emulatorCall(w, placed.body.id);
    await waitStatus(w, placed.body.id, 'ringing');
    await w.app.tick(44_000);
    expect((await callRow(w, placed.body.id)).status).toBe('ringing');
    await w.app.tick(1_000);
    const row = await waitStatus(w, placed.body.id, 'ended');
    expect(row).toMatchObject({ result: 'unanswered', end_reason: 'ring_timeout', ended_by: 'system' });
    await eventually(async () => (await w.emu.control.getCall(wacid)).state === 'ended', 'emulator call ended');
    expect((await w.emu.control.getCall(wacid)).end_reason).toBe('terminated_by_business');
    const header = await permissionView(w, agent, c.conversationId);
    expect(header.body.attempts.consecutive_unanswered).toBe(1);
  });
});
