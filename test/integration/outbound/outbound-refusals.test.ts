import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRow, journey, settled, waitStatus } from '../../support/calls.js';
import { eventually } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import {
  callableCustomer, createOutboundWorld, START, customerWithRoom, emulatorCall, emulatorNumber, placeCall, seedPermission, sideEffects, type Customer,
} from './support.js';

const DAY = 86_400_000;

/**
 * Every refusal of "Call": the checks run in order over facts in the database, each refusal has its own
 * code and leaves nothing behind (no call row, the agent free, nothing dialled at WhatsApp). Refusals by
 * WhatsApp itself map to the same codes and end the call `failed` with a journey row.
 */
describe('placing a business call: refusals', () => {
  let w: World;
  const agent = () => w.tenant.agents[0]!;
  const db = () => w.app.database.db;
  const channel = (set: Record<string, unknown>) => db().updateTable('channels').set(set).where('id', '=', w.channel.id).execute();
  const settings = (patch: Record<string, unknown>) => as(w.app, w.tenant.admin).patch('/api/settings', patch);
  const list = (l: string, phone: string) => as(w.app, w.tenant.admin).post('/api/compliance/numbers', { list: l, phone_number: phone });

  beforeAll(async () => {
    w = await createOutboundWorld();
  });
  afterAll(async () => w?.stop());

  /** Places the call and checks the refusal left no trace. */
  async function refused(c: Customer, code: string, status = 409) {
    const before = await sideEffects(w, c, agent());
    const r = await placeCall(w, agent(), c.conversationId);
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(await sideEffects(w, c, agent())).toEqual(before);
    return r.body.error;
  }

  it('OUTBOUND_DISABLED: the channel does not place business calls', async () => {
    const c = await callableCustomer(w, agent());
    await channel({ outbound_enabled: false });
    try {
      await refused(c, 'OUTBOUND_DISABLED');
    } finally {
      await channel({ outbound_enabled: true });
    }
  });

  it('VOICE_CALLING_DISABLED: calling is off on the channel', async () => {
    const c = await callableCustomer(w, agent());
    await channel({ voice_calling_enabled: false });
    try {
      await refused(c, 'VOICE_CALLING_DISABLED');
    } finally {
      await channel({ voice_calling_enabled: true });
    }
  });

  it('NO_CALL_PERMISSION: never asked, declined, expired, or revoked', async () => {
    const never = await customerWithRoom(w);
    expect((await refused(never, 'NO_CALL_PERMISSION')).details).toMatchObject({ permission_status: 'none' });

    const declined = await customerWithRoom(w);
    await w.emu.control.denyPermission({ from: declined.phone, to: w.channel.phoneNumberId });
    await settled(w);
    expect((await refused(declined, 'NO_CALL_PERMISSION')).details).toMatchObject({ permission_status: 'denied' });

    const expired = await customerWithRoom(w);
    const granted = new Date(w.app.clock.now().getTime() - 8 * DAY);
    await seedPermission(w, expired, { status: 'temporary', decidedAt: granted.toISOString(), expiresAt: new Date(granted.getTime() + 7 * DAY).toISOString(), source: 'user_action' });
    expect((await refused(expired, 'NO_CALL_PERMISSION')).details).toMatchObject({ permission_status: 'expired' });

    const revoked = await customerWithRoom(w);
    await seedPermission(w, revoked, { status: 'revoked', decidedAt: w.app.clock.now().toISOString(), source: 'automatic', consecutiveUnanswered: 4 });
    expect((await refused(revoked, 'NO_CALL_PERMISSION')).details).toMatchObject({ permission_status: 'revoked' });
  });

  it('COUNTRY_NOT_SUPPORTED: the business number is in a country without business-initiated calling', async () => {
    const c = await callableCustomer(w, agent());
    await channel({ display_number: '+12025550143' });
    try {
      expect((await refused(c, 'COUNTRY_NOT_SUPPORTED')).details).toMatchObject({ business_country: 'US' });
    } finally {
      await channel({ display_number: w.channel.displayNumber });
    }
  });

  it('DESTINATION_NOT_ALLOWED: the customer\'s country is not in the tenant\'s allow-list', async () => {
    const c = await callableCustomer(w, agent());
    await as(w.app, w.tenant.admin).put('/api/compliance/countries', { countries: ['MY', 'SG'] });
    try {
      expect((await refused(c, 'DESTINATION_NOT_ALLOWED')).details).toMatchObject({ destination_country: 'ID' });
    } finally {
      await as(w.app, w.tenant.admin).put('/api/compliance/countries', { countries: [] });
    }
  });

  it('DO_NOT_CALL: the number is on the do-not-call list', async () => {
    const c = await callableCustomer(w, agent());
    expect((await list('do_not_call', c.phone)).status).toBe(201);
    await refused(c, 'DO_NOT_CALL');
  });

  it('DENY_LISTED: the number is on the deny list, or not on a non-empty allow list', async () => {
    const denied = await callableCustomer(w, agent());
    expect((await list('deny', denied.phone)).status).toBe(201);
    expect((await refused(denied, 'DENY_LISTED')).details).toMatchObject({ list: 'deny' });

    const other = await callableCustomer(w, agent());
    const allowed = await list('allow', '+6281199990000');
    try {
      expect((await refused(other, 'DENY_LISTED')).details).toMatchObject({ list: 'allow' });
    } finally {
      await as(w.app, w.tenant.admin).delete(`/api/compliance/numbers/${allowed.body.id}`);
    }
  });

  it('CALL_LIMIT_REACHED: the connected business calls of 24 h are used up; details say when the next is allowed', async () => {
    const c = await callableCustomer(w, agent());
    const stored = await db().selectFrom('call_permissions').select('state').where('contact_id', '=', c.contactId).executeTakeFirstOrThrow();
    const earlier = new Date(w.app.clock.now().getTime() - 3_600_000);
    await seedPermission(w, c, { ...(stored.state as object), connectedBusinessCallsAt: [earlier.toISOString()] });
    expect((await settings({ business_calls_per_24h: 1 })).status).toBe(200);
    try {
      const error = await refused(c, 'CALL_LIMIT_REACHED');
      expect(error.details).toMatchObject({ next_allowed_at: new Date(earlier.getTime() + DAY).toISOString(), limit: 1 });
    } finally {
      await settings({ business_calls_per_24h: 10 });
    }
  });

  it('NO_RATE_FOR_DESTINATION: the rate table has no rate for the country and no default', async () => {
    const c = await callableCustomer(w, agent());
    const before = await as(w.app, w.tenant.admin).get('/api/billing/rates');
    await as(w.app, w.tenant.admin).put('/api/billing/rates', { rates: [{ country: 'MY', rate_per_minute_minor: 500 }] });
    try {
      await refused(c, 'NO_RATE_FOR_DESTINATION');
    } finally {
      await as(w.app, w.tenant.admin).put('/api/billing/rates', { rates: before.body.items });
    }
  });

  it('INSUFFICIENT_BALANCE: the balance is below the minimum; the refusal names the admins who can top up', async () => {
    const c = await callableCustomer(w, agent());
    expect((await settings({ minimum_balance_minor: 100_000_000 })).status).toBe(200);
    try {
      const error = await refused(c, 'INSUFFICIENT_BALANCE', 402);
      expect(error.details).toMatchObject({ minimum_minor: 100_000_000, currency: 'IDR', top_up_contacts: [expect.objectContaining({ id: w.tenant.admin.id })] });
    } finally {
      await settings({ minimum_balance_minor: 50_000 });
    }
  });

  it('AGENT_BUSY: the agent is already on a call', async () => {
    const c = await callableCustomer(w, agent());
    const other = '00000000-0000-4000-8000-000000000001';
    await db().updateTable('agent_presence').set({ current_call_id: other }).where('user_id', '=', agent().id).execute();
    try {
      const r = await placeCall(w, agent(), c.conversationId);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('AGENT_BUSY');
      expect((await db().selectFrom('calls').select('id').where('contact_id', '=', c.contactId).execute())).toEqual([]);
      expect((await db().selectFrom('agent_presence').select('current_call_id').where('user_id', '=', agent().id).executeTakeFirstOrThrow()).current_call_id).toBe(other);
    } finally {
      await db().updateTable('agent_presence').set({ current_call_id: null }).where('user_id', '=', agent().id).execute();
    }
  });

  it('the first failing check wins: outbound off before permission, permission before lists, lists before a busy agent', async () => {
    const stranger = await customerWithRoom(w);
    await list('do_not_call', stranger.phone);
    await channel({ outbound_enabled: false });
    try {
      await refused(stranger, 'OUTBOUND_DISABLED');
    } finally {
      await channel({ outbound_enabled: true });
    }
    await refused(stranger, 'NO_CALL_PERMISSION');
    const c = await callableCustomer(w, agent());
    await list('do_not_call', c.phone);
    await db().updateTable('agent_presence').set({ current_call_id: '00000000-0000-4000-8000-000000000002' }).where('user_id', '=', agent().id).execute();
    try {
      await refused(c, 'DO_NOT_CALL');
    } finally {
      await db().updateTable('agent_presence').set({ current_call_id: null }).where('user_id', '=', agent().id).execute();
    }
  });

  it('AGENT_BUSY: two calls placed at once by one agent: one dials, the other is refused', async () => {
    const a = await callableCustomer(w, agent());
    const b = await callableCustomer(w, agent());
    const [ra, rb] = await Promise.all([placeCall(w, agent(), a.conversationId), placeCall(w, agent(), b.conversationId)]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = ra.status === 201 ? ra : rb;
    const loser = ra.status === 201 ? rb : ra;
    expect(loser.body.error.code).toBe('AGENT_BUSY');
    expect((await db().selectFrom('calls').select('id').where('contact_id', 'in', [a.contactId, b.contactId]).execute()).length).toBe(1);
    await as(w.app, agent()).post(`/api/calls/${winner.body.id}/hangup`);
    await waitStatus(w, winner.body.id, 'ended');
  });

  describe('refused by WhatsApp: the same codes, the call ends failed with a journey row', () => {
    async function providerRefused(c: Customer, code: string, providerCode: number) {
      const r = await placeCall(w, agent(), c.conversationId);
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.error).toMatchObject({ code, details: { provider_code: providerCode } });
      const callId = r.body.error.details.call_id as string;
      const row = await callRow(w, callId);
      expect(row).toMatchObject({ status: 'ended', result: 'failed', failure_code: code, direction: 'outbound' });
      expect(await journey(w, callId)).toEqual(expect.arrayContaining(['dialing', 'provider_refused', 'ended']));
      const presence = await db().selectFrom('agent_presence').select('current_call_id').where('user_id', '=', agent().id).executeTakeFirstOrThrow();
      expect(presence.current_call_id).toBeNull();
      return r.body.error;
    }

    it('NO_CALL_PERMISSION (138006): our record says granted, WhatsApp says no', async () => {
      const c = await customerWithRoom(w);
      await seedPermission(w, c, { status: 'permanent', decidedAt: w.app.clock.now().toISOString(), source: 'user_action' });
      await providerRefused(c, 'NO_CALL_PERMISSION', 138006);
    });

    it('COUNTRY_NOT_SUPPORTED (138013): WhatsApp knows the number as a +1 number', async () => {
      const c = await callableCustomer(w, agent());
      await emulatorNumber(w, { display_phone_number: '+1 202 555 0143' });
      try {
        await providerRefused(c, 'COUNTRY_NOT_SUPPORTED', 138013);
      } finally {
        await emulatorNumber(w);
      }
    });

    it('DUPLICATE_CALL (138003): another agent is already calling this customer', async () => {
      const c = await callableCustomer(w, agent());
      const first = await placeCall(w, w.tenant.agents[1]!, c.conversationId);
      expect(first.status).toBe(201);
      await emulatorCall(w, first.body.id);
      try {
        await providerRefused(c, 'DUPLICATE_CALL', 138003);
      } finally {
        await as(w.app, w.tenant.agents[1]!).post(`/api/calls/${first.body.id}/hangup`);
        await waitStatus(w, first.body.id, 'ended');
      }
    });

    it('CALL_LIMIT_REACHED (138012): WhatsApp\'s own connected-call limit, with the next allowed time', async () => {
      const c = await callableCustomer(w, agent());
      await emulatorNumber(w, { connected_call_limit: 1 });
      try {
        const first = await placeCall(w, agent(), c.conversationId);
        const wacid = await emulatorCall(w, first.body.id);
        await w.emu.control.answer(wacid);
        await waitStatus(w, first.body.id, 'connected');
        await as(w.app, agent()).post(`/api/calls/${first.body.id}/hangup`);
        await eventually(async () => (await w.emu.control.getCall(wacid)).state === 'ended', 'emulator call ended');
        await settled(w);
        const error = await providerRefused(c, 'CALL_LIMIT_REACHED', 138012);
        // 24 h after the connected call, on WhatsApp's clock (which started with the server's).
        expect(Date.parse(error.details.next_allowed_at)).toBeGreaterThan(START.getTime() + 23 * 3_600_000);
      } finally {
        await emulatorNumber(w);
      }
    });
  });
});
