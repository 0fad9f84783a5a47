import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { customerCalls, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/**
 * A channel may make a disposition mandatory (SPEC §7): the agent is paused with the system reason
 * "Disposition" when such a call ends, and available again once it is disposed — with real calls
 * from the emulator through the call engine.
 */
describe('mandatory disposition', () => {
  let w: World;
  let sale: string;
  let lunch: string;
  let dispositionReason: string;

  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 1, ringGroup: { mode: 'round_robin', agents: [0] } });
    await w.desk(w.tenant.agent);
    const admin = as(w.app, w.tenant.admin);
    await admin.patch(`/api/channels/${w.channel.id}`, { disposition_mandatory: true });
    sale = (await admin.post(`/api/channels/${w.channel.id}/dispositions`, { name: 'Sale' })).body.id;
    const reasons = (await admin.get('/api/pause-reasons')).body.items as { id: string; name: string; system_key: string | null }[];
    lunch = reasons.find((r) => r.name === 'Lunch')!.id;
    dispositionReason = reasons.find((r) => r.system_key === 'disposition')!.id;
  });
  afterAll(async () => w?.stop());

  const agent = () => as(w.app, w.tenant.agent);
  const presence = async () => (await agent().get('/api/me/presence')).body as { status: string; pause_reason_id: string | null; pause_reason: string | null };

  /** A call answered by the agent and ended by the customer. */
  async function answeredCall(during?: (callId: string) => Promise<void>) {
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    expect((await agent().post(`/api/calls/${call.callId}/accept`)).status).toBe(200);
    await waitStatus(w, call.callId, 'connected');
    if (during) await during(call.callId);
    await w.emu.control.hangup(call.providerCallId);
    expect((await waitStatus(w, call.callId, 'ended')).ended_by).toBe('customer');
    return call.callId;
  }

  it('the call ends: the agent is paused for "Disposition" and told; saving a disposition makes them available again', async () => {
    await w.available(w.tenant.agent);
    const callId = await answeredCall();
    const required = await w.desks[0]!.next('business_record.required', (m) => m.call_id === callId);
    expect(required).toMatchObject({ channel_id: w.channel.id, agent_id: w.tenant.agent.id, paused: true });
    await w.desks[0]!.next('presence.changed', (m) => (m.presence as { status?: string })?.status === 'paused');
    expect(await presence()).toMatchObject({ status: 'paused', pause_reason_id: dispositionReason, pause_reason: 'Disposition' });
    const rec = (await agent().get(`/api/calls/${callId}/business-record`)).body;
    expect(rec).toMatchObject({ disposition_mandatory: true, disposition_pending: true });

    // Notes alone do not end the pause; the disposition does.
    await agent().put(`/api/calls/${callId}/business-record`, { notes: 'asked for a quote' });
    expect((await presence()).status).toBe('paused');
    const saved = await agent().put(`/api/calls/${callId}/business-record`, { disposition_id: sale });
    expect(saved.body).toMatchObject({ disposition: { id: sale, name: 'Sale' }, disposition_pending: false });
    expect(await presence()).toMatchObject({ status: 'available', pause_reason_id: null });
    const history = (await as(w.app, w.tenant.admin).get(`/api/users/${w.tenant.agent.id}/presence-history?limit=5`)).body;
    const sources = (Array.isArray(history) ? history : history.items).map((h: { source: string }) => h.source);
    expect(sources.slice(0, 2)).toEqual(['disposition_done', 'disposition']);

    // Once given, a mandatory disposition can be changed but not cleared.
    const cleared = await agent().put(`/api/calls/${callId}/business-record`, { disposition_id: null });
    expect(cleared.status).toBe(409);
    expect(cleared.body.error.code).toBe('DISPOSITION_REQUIRED');
  });

  it('a status the agent chose during the call is kept: no pause, and disposing does not change it', async () => {
    await w.available(w.tenant.agent);
    const callId = await answeredCall(async () => {
      expect((await agent().put('/api/me/presence', { status: 'paused', pause_reason_id: lunch })).status).toBe(200);
    });
    expect(await w.desks[0]!.next('business_record.required', (m) => m.call_id === callId)).toMatchObject({ paused: false });
    expect(await presence()).toMatchObject({ status: 'paused', pause_reason_id: lunch });
    await agent().put(`/api/calls/${callId}/business-record`, { disposition_id: sale });
    expect(await presence()).toMatchObject({ status: 'paused', pause_reason_id: lunch });
  });

  it('the agent leaving the disposition pause themselves is respected: disposing later changes nothing', async () => {
    await w.available(w.tenant.agent);
    const callId = await answeredCall();
    await eventually(async () => (await presence()).pause_reason_id === dispositionReason, 'disposition pause');
    await agent().put('/api/me/presence', { status: 'offline' });
    await agent().put(`/api/calls/${callId}/business-record`, { disposition_id: sale });
    expect((await presence()).status).toBe('offline');
  });

  it('a disposition given during the call means no pause at its end', async () => {
    await w.available(w.tenant.agent);
    const callId = await answeredCall(async (id) => {
      expect((await agent().put(`/api/calls/${id}/business-record`, { disposition_id: sale })).status).toBe(200);
    });
    expect((await presence()).status).toBe('available');
    expect(w.desks[0]!.messages.some((m) => m.type === 'business_record.required' && m.call_id === callId)).toBe(false);
  });

  it('a channel without the rule leaves the agent available', async () => {
    await as(w.app, w.tenant.admin).patch(`/api/channels/${w.channel.id}`, { disposition_mandatory: false });
    try {
      await w.available(w.tenant.agent);
      const callId = await answeredCall();
      expect((await presence()).status).toBe('available');
      expect((await agent().get(`/api/calls/${callId}/business-record`)).body).toMatchObject({ disposition_mandatory: false, disposition_pending: false });
    } finally {
      await as(w.app, w.tenant.admin).patch(`/api/channels/${w.channel.id}`, { disposition_mandatory: true });
    }
  });
});

describe('mandatory disposition after a queue call with wrap-up', () => {
  let w: World;
  let sale: string;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 1, ringGroup: null, queue: { agents: [0], wrapUpSeconds: 30 } });
    await w.desk(w.tenant.agent);
    const admin = as(w.app, w.tenant.admin);
    await admin.patch(`/api/channels/${w.channel.id}`, { disposition_mandatory: true });
    sale = (await admin.post(`/api/channels/${w.channel.id}/dispositions`, { name: 'Sale' })).body.id;
  });
  afterAll(async () => w?.stop());

  it('the disposition pause replaces the wrap-up, whose timer no longer makes the agent available', async () => {
    const agent = as(w.app, w.tenant.agent);
    await w.available(w.tenant.agent);
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    expect((await agent.post(`/api/calls/${call.callId}/accept`)).status).toBe(200);
    await waitStatus(w, call.callId, 'connected');
    await w.emu.control.hangup(call.providerCallId);
    // The call's group asked for 30 s of wrap-up...
    expect((await waitStatus(w, call.callId, 'ended')).wrap_up_seconds).toBe(30);
    // ...which the disposition pause replaces.
    expect((await agent.get('/api/me/presence')).body).toMatchObject({ status: 'paused', pause_reason: 'Disposition' });
    await w.app.tick(31_000);
    expect((await agent.get('/api/me/presence')).body).toMatchObject({ status: 'paused', pause_reason: 'Disposition' });
    await agent.put(`/api/calls/${call.callId}/business-record`, { disposition_id: sale });
    expect((await agent.get('/api/me/presence')).body.status).toBe('available');
  });
});
