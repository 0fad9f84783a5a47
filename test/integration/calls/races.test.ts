import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../../src/providers/meta/verify-signature.js';
import { as } from '../../support/fixtures.js';
import { callRow, customerCalls, settled, waitStatus } from '../../support/calls.js';
import { createSeams } from '../../support/seams.js';
import { createWorld, type World } from '../../support/world.js';

/** Races decided by the database, reproduced in a chosen order with race seams (STYLE habit 14). */
describe('races', () => {
  let w: World;
  const s = createSeams();
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 2, ringGroup: { mode: 'ring_all', agents: [0, 1] }, seams: s.seams });
    for (const a of w.tenant.agents) await w.desk(a);
  });
  afterAll(async () => w?.stop());

  const ringBoth = async () => {
    for (const a of w.tenant.agents) await as(w.app, a).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w);
    for (const d of w.desks) await d.next('call.offered', (m) => m.id === call.callId);
    return call;
  };
  const endCall = async (callId: string) => {
    const row = await callRow(w, callId);
    if (row.status !== 'ended') await as(w.app, w.tenant.admin).post(`/api/calls/${callId}/hangup`);
  };
  // Lets the second request reach the row lock the first one holds; the outcome does not depend on it.
  const letOthersQueue = () => new Promise((r) => setTimeout(r, 150));

  for (const first of [0, 1]) {
    it(`two agents accept a ring-all offer at the same moment: exactly one wins (agent ${first} first)`, async () => {
      const call = await ringBoth();
      const [a, b] = first === 0 ? [w.tenant.agents[0]!, w.tenant.agents[1]!] : [w.tenant.agents[1]!, w.tenant.agents[0]!];
      const held = s.hold('call.locked', (c) => c.callId === call.callId && c.event === 'accept' && c.agentId === a.id);
      const pa = as(w.app, a).post(`/api/calls/${call.callId}/accept`);
      await held.reached;
      const pb = as(w.app, b).post(`/api/calls/${call.callId}/accept`);
      await letOthersQueue();
      held.release();
      const [ra, rb] = await Promise.all([pa, pb]);
      expect(ra.status).toBe(200);
      expect(rb.status).toBe(409);
      expect(rb.body.error.code).toBe('OFFER_TAKEN');
      expect((await callRow(w, call.callId)).agent_id).toBe(a.id);
      const busy = await w.app.database.db.selectFrom('agent_presence').select('user_id').where('current_call_id', '=', call.callId).execute();
      expect(busy.map((x) => x.user_id)).toEqual([a.id]);
      await endCall(call.callId);
    });
  }

  it('accept vs customer hang-up, accept first: the call is answered, then ends answered', async () => {
    const call = await ringBoth();
    const agent = w.tenant.agents[0]!;
    const held = s.hold('call.locked', (c) => c.callId === call.callId && c.event === 'accept');
    const pa = as(w.app, agent).post(`/api/calls/${call.callId}/accept`);
    await held.reached;
    await w.emu.control.hangup(call.providerCallId);
    await letOthersQueue();
    held.release();
    expect((await pa).status).toBe(200);
    const row = await waitStatus(w, call.callId, 'ended');
    expect(row.result).toBe('answered');
    expect(row.agent_id).toBe(agent.id);
    const p = await as(w.app, agent).get('/api/me/presence');
    expect(p.body.current_call_id).toBeNull();
  });

  it('accept vs customer hang-up, hang-up first: user_abandon, and the late accept gets CALL_STATE_CHANGED', async () => {
    const call = await ringBoth();
    const held = s.hold('call.locked', (c) => c.callId === call.callId && c.event === 'provider_terminated');
    await w.emu.control.hangup(call.providerCallId);
    await held.reached;
    const pa = as(w.app, w.tenant.agents[0]!).post(`/api/calls/${call.callId}/accept`);
    await letOthersQueue();
    held.release();
    const ra = await pa;
    expect(ra.status).toBe(409);
    expect(ra.body.error.code).toBe('CALL_STATE_CHANGED');
    expect((await waitStatus(w, call.callId, 'ended')).result).toBe('user_abandon');
  });

  it('a redelivered terminate is acknowledged and applied once', async () => {
    const call = await ringBoth();
    await as(w.app, w.tenant.agents[0]!).post(`/api/calls/${call.callId}/accept`);
    await w.emu.control.hangup(call.providerCallId);
    await waitStatus(w, call.callId, 'ended');
    await settled(w);
    const log = await w.emu.control.webhookLog({ call_id: call.providerCallId });
    const terminate = log.find((d) => d.summary.startsWith('calls/terminate'));
    expect(terminate).toBeDefined();
    const body = JSON.stringify(terminate!.payload);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${w.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, w.channel.appSecret) },
        body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ new: 0 });
    }
    await settled(w);
    const ends = await w.app.database.db.selectFrom('call_journey').select('event').where('call_id', '=', call.callId).where('event', '=', 'ended').execute();
    expect(ends).toHaveLength(1);
  });
});
