import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, waitStatus } from '../../support/calls.js';
import { eventually } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import { createOutboundWorld, customerWithRoom, emulatorNumber, grant, invite, permissionView, storedPermission, type Customer } from './support.js';

const HOUR = 3_600_000;

/** The customer's answers and the life of a request: replies of every kind, expiry, room resolution, newer requests. */
describe('call permission: replies and request lifecycle', () => {
  let w: World;
  const agent = () => w.tenant.agents[0]!;
  const db = () => w.app.database.db;
  const roomMessages = async (c: Customer) =>
    (await as(w.app, agent()).get(`/api/conversations/${c.conversationId}/messages?limit=100`)).body.items as { type: string; body: string; data: Record<string, unknown> }[];
  const windowOf = async (c: Customer) =>
    (await db().selectFrom('conversations').select('window_expires_at').where('id', '=', c.conversationId).executeTakeFirstOrThrow()).window_expires_at!;
  /** Moves the server's and WhatsApp's clocks together. */
  const advance = async (ms: number) => {
    await w.app.tick(ms);
    await w.emu.clock.advance(ms);
    await settled(w);
  };

  beforeAll(async () => {
    w = await createOutboundWorld({ mediaWorkers: 0, ringGroup: { mode: 'ring_all', agents: [0] } });
  });
  afterAll(async () => w?.stop());

  it('temporary, then declined, then permanent: each answer applies, shows in the room, and an accept refreshes the window', async () => {
    const c = await customerWithRoom(w);
    await db().updateTable('conversations').set({ window_expires_at: new Date(w.app.clock.now().getTime() + HOUR) }).where('id', '=', c.conversationId).execute();
    // No request was sent: the customer allows calls from the business profile (a reply without context).
    await grant(w, c, { via: 'profile' });
    let header = (await permissionView(w, agent(), c.conversationId)).body;
    expect(header).toMatchObject({ status: 'temporary', call: { allowed: true } });
    expect(Date.parse(header.expires_at)).toBeGreaterThan(w.app.clock.now().getTime() + 6 * 24 * HOUR);
    expect((await windowOf(c)).getTime()).toBe(w.app.clock.now().getTime() + 24 * HOUR);
    const accepted = (await roomMessages(c)).find((m) => m.type === 'call_permission_reply');
    expect(accepted).toMatchObject({ body: expect.stringMatching(/^Accepted \(temporary, until /), data: { answer: 'temporary', request_id: null, source: 'user_action' } });

    w.app.clock.advance(1000);
    await w.emu.control.denyPermission({ from: c.phone, to: w.channel.phoneNumberId });
    await settled(w);
    header = (await permissionView(w, agent(), c.conversationId)).body;
    expect(header).toMatchObject({ status: 'denied', expires_at: null, call: { allowed: false, refusal: { code: 'NO_CALL_PERMISSION' } } });

    w.app.clock.advance(1000);
    await grant(w, c, { permanent: true, via: 'profile' });
    header = (await permissionView(w, agent(), c.conversationId)).body;
    expect(header).toMatchObject({ status: 'permanent', expires_at: null, invite: { allowed: false, refusal: { code: 'ALREADY_PERMANENT' } } });
    expect((await roomMessages(c)).filter((m) => m.type === 'call_permission_reply').map((m) => m.body)).toEqual(['Accepted (permanent)', 'Declined', accepted!.body]);
  });

  it('an automatic grant after the customer\'s call (context = the call) is applied and shown', async () => {
    await emulatorNumber(w, { calling: { status: 'ENABLED', callback_permission_status: 'ENABLED' } });
    try {
      const c = await customerWithRoom(w);
      const placed = await w.emu.control.placeCall({ from: c.phone, to: w.channel.phoneNumberId });
      await settled(w);
      const header = (await permissionView(w, agent(), c.conversationId)).body;
      expect(header).toMatchObject({ status: 'temporary' });
      expect(await storedPermission(w, c)).toMatchObject({ status: 'temporary', source: 'automatic' });
      expect((await roomMessages(c)).find((m) => m.type === 'call_permission_reply')).toMatchObject({
        body: expect.stringMatching(/granted automatically after the customer's call$/), data: { source: 'automatic', request_id: placed.id },
      });
    } finally {
      await emulatorNumber(w);
    }
  });

  it('missed_call_sends_permission_request: a missed call sends a request by itself, within the limits', async () => {
    await as(w.app, w.tenant.admin).patch('/api/settings', { missed_call_sends_permission_request: true });
    try {
      const c = await customerWithRoom(w);
      const placed = await w.emu.control.placeCall({ from: c.phone, to: w.channel.phoneNumberId });
      const call = await eventually(() => db().selectFrom('calls').select('id').where('provider_call_id', '=', placed.id).executeTakeFirst(), 'call row');
      await waitStatus(w, call.id, 'ended'); // nobody is available: unanswered
      const cprs = async () => (await w.emu.control.listMessages({ user: c.phone, direction: 'outbound' }))
        .filter((m) => (m.body as { interactive?: { type?: string } }).interactive?.type === 'call_permission_request');
      const [cpr] = await eventually(async () => ((await cprs()).length === 1 ? cprs() : null), 'automatic request at WhatsApp');
      await eventually(async () => (await storedPermission(w, c))?.requests[0]?.id === cpr!.id, 'request recorded');
      expect((await roomMessages(c)).find((m) => m.type === 'call_permission_request')).toMatchObject({ data: { automatic: true } });
      // A second missed call the same day sends nothing more (1 per 24 h; a request is already waiting).
      const again = await w.emu.control.placeCall({ from: c.phone, to: w.channel.phoneNumberId });
      const second = await eventually(() => db().selectFrom('calls').select('id').where('provider_call_id', '=', again.id).executeTakeFirst(), 'call row');
      await waitStatus(w, second.id, 'ended');
      await settled(w);
      expect((await storedPermission(w, c))?.requests).toHaveLength(1);
      expect(await cprs()).toHaveLength(1);
    } finally {
      await as(w.app, w.tenant.admin).patch('/api/settings', { missed_call_sends_permission_request: false });
    }
  });

  it('a request closes when the room is resolved without a reply; a later reply still counts', async () => {
    const c = await customerWithRoom(w);
    const sent = await invite(w, agent(), c.conversationId);
    expect((await as(w.app, agent()).patch(`/api/conversations/${c.conversationId}`, { status: 'resolved' })).status).toBe(200);
    expect(await storedPermission(w, c)).toMatchObject({ requests: [{ id: sent.body.request.id, status: 'closed', endReason: 'room_resolved' }] });
    expect((await roomMessages(c)).some((m) => m.type === 'call_permission_request_closed')).toBe(true);
    await grant(w, c, { via: 'request' });
    expect(await storedPermission(w, c)).toMatchObject({ status: 'temporary', requests: [{ status: 'answered' }] });
  });

  it('a pending request expires after 72 h (durable timer on the injected clock)', async () => {
    const c = await customerWithRoom(w);
    const sent = await invite(w, agent(), c.conversationId);
    await advance(72 * HOUR - 1000);
    expect((await permissionView(w, agent(), c.conversationId)).body.pending_request).toMatchObject({ id: sent.body.request.id });
    await advance(1000);
    expect(await storedPermission(w, c)).toMatchObject({ requests: [{ id: sent.body.request.id, status: 'expired', endReason: 'expired' }] });
    expect((await permissionView(w, agent(), c.conversationId)).body.pending_request).toBeNull();
    expect((await roomMessages(c)).find((m) => m.type === 'call_permission_request_closed')).toMatchObject({ body: 'The call permission request expired without a reply' });
  });

  it('a newer request answered closes the older one still waiting', async () => {
    const c = await customerWithRoom(w);
    const first = await invite(w, agent(), c.conversationId);
    await advance(25 * HOUR);
    await w.emu.control.sendMessage({ from: c.phone, to: w.channel.phoneNumberId, text: 'maaf, baru lihat' });
    await settled(w);
    const second = await invite(w, agent(), c.conversationId);
    expect(second.status).toBe(201);
    await grant(w, c, { via: 'request' }); // answers the newest open request
    expect(await storedPermission(w, c)).toMatchObject({
      status: 'temporary',
      requests: [
        { id: first.body.request.id, status: 'closed', endReason: 'superseded' },
        { id: second.body.request.id, status: 'answered' },
      ],
    });
  });
});
