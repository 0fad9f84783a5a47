import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundCompliance } from '../../../src/app/outbound/outbound-facts.js';
import { customerCalls, offersOf, settled, waitStatus } from '../../support/calls.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import {
  callableCustomer, createOutboundWorld, customerWithRoom, emulatorCall, grant, invite, permissionView, placeCall, RATE_ID, storedPermission,
} from './support.js';

/** Calling a contact on a channel, the customer hanging up, and the compliance gate other features (callbacks) reuse. */
describe('calling a contact', () => {
  let w: World;
  beforeAll(async () => {
    w = await createOutboundWorld();
  });
  afterAll(async () => w?.stop());

  it('POST /api/contacts/:id/calls dials on the channel, joins the contact\'s room; the customer hangs up after 30 s', async () => {
    const agent = w.tenant.agents[0]!;
    const c = await callableCustomer(w, agent);
    const placed = await as(w.app, agent).post(`/api/contacts/${c.contactId}/calls`, { channel_id: w.channel.id, note: 'Order ON-12853' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ direction: 'outbound', conversation_id: c.conversationId, contact_id: c.contactId, customer_number: c.phone });
    const wacid = await emulatorCall(w, placed.body.id);
    await w.emu.control.answer(wacid);
    await waitStatus(w, placed.body.id, 'connected');
    w.app.clock.advance(30_000);
    await w.emu.control.hangup(wacid);
    const row = await waitStatus(w, placed.body.id, 'ended');
    await settled(w);
    expect(row).toMatchObject({ result: 'answered', ended_by: 'customer', talk_seconds: 30, cost_minor: RATE_ID });
    const record = await as(w.app, agent).get(`/api/calls/${placed.body.id}`);
    expect(record.body.journey.find((j: { event: string }) => j.event === 'dialing').data).toMatchObject({ note: 'Order ON-12853' });
    const room = await as(w.app, agent).get(`/api/conversations/${c.conversationId}/messages`);
    expect(room.body.items.some((m: { type: string; body: string }) => m.type === 'call' && m.body === 'Call ended 00:00:30')).toBe(true);
  });

  it('needs a channel of the tenant', async () => {
    const agent = w.tenant.agents[0]!;
    const c = await callableCustomer(w, agent);
    const missing = await as(w.app, agent).post(`/api/contacts/${c.contactId}/calls`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await as(w.app, agent).post(`/api/contacts/${c.contactId}/calls`, { channel_id: '00000000-0000-4000-8000-00000000abcd' });
    expect(unknown.status).toBe(404);
  });

  it('checkOutboundCompliance (for callbacks): a typed number, its contact\'s permission, the lists, the agent', async () => {
    const agent = w.tenant.agents[1]!;
    const c = await callableCustomer(w, agent);
    const typed = `${c.phone.slice(0, 3)} ${c.phone.slice(3, 6)}-${c.phone.slice(6)}`;
    const target = { tenantId: w.tenant.tenantId, channelId: w.channel.id, contactId: null, destinationNumber: typed, agentId: agent.id };
    const ok = await checkOutboundCompliance(w.app.database.db, target, w.app.clock.now());
    expect(ok).toMatchObject({ ok: true, value: { destinationCountry: 'ID', rate: { perMinuteMinor: RATE_ID } } });
    await as(w.app, w.tenant.admin).post('/api/compliance/numbers', { list: 'do_not_call', phone_number: c.phone });
    expect(await checkOutboundCompliance(w.app.database.db, target, w.app.clock.now())).toMatchObject({ ok: false, code: 'DO_NOT_CALL' });
    const stranger = { ...target, destinationNumber: '+6281377770000' };
    expect(await checkOutboundCompliance(w.app.database.db, stranger, w.app.clock.now())).toMatchObject({ ok: false, code: 'NO_CALL_PERMISSION' });
  });
});

describe('a connected call resets the request limits and closes pending requests (both directions)', () => {
  let w: World;
  beforeAll(async () => {
    w = await createOutboundWorld({ ringGroup: { mode: 'ring_all', agents: [2] } });
  });
  afterAll(async () => w?.stop());

  it('business-initiated: the invite still waiting closes with the call; a new invite is allowed at once', async () => {
    const agent = w.tenant.agents[0]!;
    const c = await customerWithRoom(w);
    const sent = await invite(w, agent, c.conversationId);
    // The customer allows calls from the business profile instead of answering the invite.
    await grant(w, c, { via: 'profile' });
    expect(await storedPermission(w, c)).toMatchObject({ status: 'temporary', requests: [{ id: sent.body.request.id, status: 'pending' }] });
    w.app.clock.advance(60_000);
    const placed = await placeCall(w, agent, c.conversationId);
    await w.emu.control.answer(await emulatorCall(w, placed.body.id));
    await waitStatus(w, placed.body.id, 'connected');
    expect(await storedPermission(w, c)).toMatchObject({ requests: [{ id: sent.body.request.id, status: 'closed', endReason: 'call_connected' }] });
    expect((await permissionView(w, agent, c.conversationId)).body).toMatchObject({ next_request_allowed_at: null, pending_request: null });
    await as(w.app, agent).post(`/api/calls/${placed.body.id}/hangup`);
    await waitStatus(w, placed.body.id, 'ended');
  });

  it('customer-initiated: answering the customer\'s call does the same', async () => {
    const agent = w.tenant.agents[2]!;
    const desk = await w.desk(agent);
    await w.available(agent);
    const c = await customerWithRoom(w);
    const sent = await invite(w, w.tenant.agents[0]!, c.conversationId);
    expect((await permissionView(w, agent, c.conversationId)).body.next_request_allowed_at).not.toBeNull();
    w.app.clock.advance(60_000);
    const call = await customerCalls(w, { from: c.phone });
    const offer = await desk.next('call.offered', (m) => m.call_id === call.callId);
    expect((await as(w.app, agent).post(`/api/calls/${offer.id}/accept`)).status).toBe(200);
    expect(await storedPermission(w, c)).toMatchObject({ requests: [{ id: sent.body.request.id, status: 'closed', endReason: 'call_connected' }] });
    expect((await permissionView(w, agent, c.conversationId)).body).toMatchObject({ next_request_allowed_at: null, attempts: { connected_last_24h: 0 } });
    await as(w.app, agent).post(`/api/calls/${call.callId}/hangup`);
    await waitStatus(w, call.callId, 'ended');
  });

  it('an agent who places a call while a customer call rings at their desk declines that offer (it goes on; not a missed call)', async () => {
    const agent = w.tenant.agents[2]!;
    const desk = w.desks[0]!;
    const target = await callableCustomer(w, agent);
    const caller = await customerCalls(w);
    await desk.next('call.offered', (m) => m.call_id === caller.callId);
    const placed = await placeCall(w, agent, target.conversationId);
    expect(placed.status).toBe(201);
    expect(await offersOf(w, caller.callId)).toEqual([{ agent_id: agent.id, status: 'rejected' }]);
    await desk.next('call.offer_rejected', (m) => m.call_id === caller.callId);
    const presence = await w.app.database.db.selectFrom('agent_presence').select(['current_call_id', 'missed_in_row']).where('user_id', '=', agent.id).executeTakeFirstOrThrow();
    expect(presence).toEqual({ current_call_id: placed.body.id, missed_in_row: 0 });
    await as(w.app, agent).post(`/api/calls/${placed.body.id}/hangup`);
    await waitStatus(w, placed.body.id, 'ended');
  });
});
