import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_TIMERS } from '../../../src/app/calls/call-timers.js';
import { callRow, customerCalls, journey, settled, waitStatus } from '../../support/calls.js';
import { eventually } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import { balanceOf, callableCustomer, createOutboundWorld, emulatorCall, placeCall } from './support.js';

const RATE = 10_000; // per minute to Indonesia in this file

/** Charging business calls on the server's clock: per started minute or 6-second pulse, the balance cut-off, free inbound calls. */
describe('billing of calls', () => {
  let w: World;
  const admin = () => as(w.app, w.tenant.admin);
  const ledgerOf = async (callId: string) => (await admin().get(`/api/billing/ledger?call_id=${callId}`)).body.items;

  beforeAll(async () => {
    w = await createOutboundWorld({ balance: 0, ringGroup: { mode: 'ring_all', agents: [2] } });
    await admin().put('/api/billing/rates', { rates: [{ country: 'ID', rate_per_minute_minor: RATE }] });
  });
  afterAll(async () => w?.stop());

  async function answeredCall(agent: { id: string; token: string }) {
    const c = await callableCustomer(w, agent);
    const placed = await placeCall(w, agent, c.conversationId);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const wacid = await emulatorCall(w, placed.body.id);
    await w.emu.control.answer(wacid);
    const row = await waitStatus(w, placed.body.id, 'connected');
    return { c, callId: placed.body.id as string, wacid, row };
  }

  it('the balance runs out mid-call: the call is ended when it can no longer pay the next minute, and charged what it used', async () => {
    await admin().post('/api/billing/top-ups', { amount_minor: 60_000 }); // six minutes at 10 000
    const agent = w.tenant.agents[0]!;
    const { callId, wacid, row } = await answeredCall(agent);
    const timer = await w.app.database.db.selectFrom('timers').select('due_at').where('kind', '=', CALL_TIMERS.balanceCutoff).where('key', '=', callId).executeTakeFirstOrThrow();
    expect(timer.due_at.getTime()).toBe(row.answered_at!.getTime() + 6 * 60_000);

    await w.app.tick(6 * 60_000 - 1_000);
    expect((await callRow(w, callId)).status).toBe('connected');
    await w.app.tick(1_000);
    const ended = await waitStatus(w, callId, 'ended');
    expect(ended).toMatchObject({ result: 'answered', ended_by: 'system', end_reason: 'balance_exhausted', talk_seconds: 360, cost_minor: 60_000 });
    expect(await journey(w, callId)).toContain('ended');
    await eventually(async () => (await w.emu.control.getCall(wacid)).state === 'ended', 'WhatsApp told to end the call');
    expect(await ledgerOf(callId)).toEqual([expect.objectContaining({ kind: 'call_charge', amount_minor: -60_000, balance_after_minor: 0 })]);
    expect(await balanceOf(w)).toBe(0);
    // Nothing left: the next call is refused, and the balance view names the admins to ask.
    const view = await as(w.app, agent).get('/api/billing/balance');
    expect(view.body).toMatchObject({ below_minimum: true, top_up_contacts: [expect.objectContaining({ id: w.tenant.admin.id })] });
  });

  it('pulse_6s: a 61 s call is billed 11 pulses of 6 s', async () => {
    await admin().post('/api/billing/top-ups', { amount_minor: 100_000 });
    await admin().patch('/api/settings', { billing_granularity: 'pulse_6s' });
    try {
      const agent = w.tenant.agents[1]!;
      const { callId } = await answeredCall(agent);
      w.app.clock.advance(61_000);
      const hung = await as(w.app, agent).post(`/api/calls/${callId}/hangup`);
      expect(hung.body).toMatchObject({ status: 'ended', talk_seconds: 61 });
      expect(await ledgerOf(callId)).toEqual([expect.objectContaining({ amount_minor: -11_000 })]); // 11 × 6 s × 10 000 / 60
      expect((await callRow(w, callId)).cost_minor).toBe(11_000);
    } finally {
      await admin().patch('/api/settings', { billing_granularity: 'per_minute' });
    }
  });

  it('a customer-initiated call is free, even answered and long', async () => {
    const agent = w.tenant.agents[2]!;
    const desk = await w.desk(agent);
    await w.available(agent);
    const call = await customerCalls(w);
    const offer = await desk.next('call.offered', (m) => m.call_id === call.callId);
    expect((await as(w.app, agent).post(`/api/calls/${offer.id}/accept`)).status).toBe(200);
    w.app.clock.advance(125_000);
    await as(w.app, agent).post(`/api/calls/${call.callId}/hangup`);
    const row = await waitStatus(w, call.callId, 'ended');
    await settled(w);
    expect(row).toMatchObject({ direction: 'inbound', result: 'answered', talk_seconds: 125, cost_minor: 0 });
    expect(await ledgerOf(call.callId)).toEqual([]);
  });
});
