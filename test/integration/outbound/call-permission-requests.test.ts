import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled } from '../../support/calls.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import { createOutboundWorld, customerWithRoom, grant, invite, permissionView, storedPermission, type Customer } from './support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "Invite to call": each refusal code (ours, and WhatsApp's mapped to ours) and the request's life. */
describe('invite to call (call-permission requests)', () => {
  let w: World;
  const agent = () => w.tenant.agents[0]!;
  const db = () => w.app.database.db;
  const sentTo = async (c: Customer) =>
    (await w.emu.control.listMessages({ user: c.phone, direction: 'outbound' })).filter((m) => (m.body as { interactive?: { type?: string } }).interactive?.type === 'call_permission_request');

  beforeAll(async () => {
    w = await createOutboundWorld({ mediaWorkers: 0 });
  });
  afterAll(async () => w?.stop());

  async function refused(c: Customer, code: string, status = 409) {
    const before = (await sentTo(c)).length;
    const r = await invite(w, agent(), c.conversationId);
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect((await sentTo(c)).length).toBe(before);
    return r.body.error;
  }

  it('sends the interactive request, shows it in the room, and the header says pending until when', async () => {
    const c = await customerWithRoom(w);
    const r = await invite(w, agent(), c.conversationId, 'Boleh kami telepon?');
    expect(r.status).toBe(201);
    expect(r.body.permission).toMatchObject({ status: 'none', last_request_at: w.app.clock.now().toISOString(), next_request_allowed_at: new Date(w.app.clock.now().getTime() + DAY).toISOString() });
    expect(await sentTo(c)).toHaveLength(1);
    const room = await as(w.app, agent()).get(`/api/conversations/${c.conversationId}/messages`);
    expect(room.body.items.find((m: { type: string }) => m.type === 'call_permission_request')).toMatchObject({ direction: 'out', type: 'call_permission_request', body: 'Boleh kami telepon?', sender_id: agent().id, data: { request_id: r.body.request.id } });
    const header = await permissionView(w, agent(), c.conversationId);
    expect(header.body).toMatchObject({
      status: 'none', pending_request: { id: r.body.request.id, expires_at: new Date(w.app.clock.now().getTime() + 72 * HOUR).toISOString() },
      invite: { allowed: false, refusal: { code: 'PERMISSION_REQUEST_LIMIT' } }, call: { allowed: false, refusal: { code: 'NO_CALL_PERMISSION' } },
    });
  });

  it('NO_ACTIVE_CONVERSATION: the customer\'s 24 h window is closed', async () => {
    const c = await customerWithRoom(w);
    await db().updateTable('conversations').set({ window_expires_at: new Date(w.app.clock.now().getTime() - 1000) }).where('id', '=', c.conversationId).execute();
    await refused(c, 'NO_ACTIVE_CONVERSATION');
    expect(await storedPermission(w, c)).toBeUndefined(); // the refusal wrote nothing
  });

  it('ALREADY_PERMANENT: the customer already allows calls for good', async () => {
    const c = await customerWithRoom(w);
    await grant(w, c, { permanent: true, via: 'profile' });
    await refused(c, 'ALREADY_PERMANENT');
  });

  it('INSUFFICIENT_BALANCE: nobody is asked for a call that cannot be paid for; the admins to ask are named', async () => {
    const c = await customerWithRoom(w);
    await as(w.app, w.tenant.admin).patch('/api/settings', { minimum_balance_minor: 100_000_000 });
    try {
      const error = await refused(c, 'INSUFFICIENT_BALANCE', 402);
      expect(error.details.top_up_contacts).toEqual([expect.objectContaining({ id: w.tenant.admin.id, email: w.tenant.admin.email })]);
    } finally {
      await as(w.app, w.tenant.admin).patch('/api/settings', { minimum_balance_minor: 50_000 });
    }
  });

  it('OUTBOUND_DISABLED: agents cannot invite on a channel without business calls', async () => {
    const c = await customerWithRoom(w);
    await db().updateTable('channels').set({ outbound_enabled: false }).where('id', '=', w.channel.id).execute();
    try {
      await refused(c, 'OUTBOUND_DISABLED');
    } finally {
      await db().updateTable('channels').set({ outbound_enabled: true }).where('id', '=', w.channel.id).execute();
    }
  });

  it('COUNTRY_NOT_SUPPORTED and DO_NOT_CALL: the call rules apply to the invite too', async () => {
    const c = await customerWithRoom(w);
    await db().updateTable('channels').set({ display_number: '+201001234567' }).where('id', '=', w.channel.id).execute();
    try {
      await refused(c, 'COUNTRY_NOT_SUPPORTED');
    } finally {
      await db().updateTable('channels').set({ display_number: w.channel.displayNumber }).where('id', '=', w.channel.id).execute();
    }
    await as(w.app, w.tenant.admin).post('/api/compliance/numbers', { list: 'do_not_call', phone_number: c.phone });
    await refused(c, 'DO_NOT_CALL');
  });

  it('PERMISSION_REQUEST_LIMIT: two agents clicking at once send one request', async () => {
    const c = await customerWithRoom(w);
    const [a, b] = await Promise.all([invite(w, w.tenant.agents[0]!, c.conversationId), invite(w, w.tenant.agents[1]!, c.conversationId)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('PERMISSION_REQUEST_LIMIT');
    expect(await sentTo(c)).toHaveLength(1);
  });

  it('PERMISSION_REQUEST_LIMIT (138009 from WhatsApp): mapped to ours with the next allowed time; no phantom request kept', async () => {
    const c = await customerWithRoom(w);
    expect((await invite(w, agent(), c.conversationId)).status).toBe(201);
    // Our record is lost (e.g. restored from an old backup); WhatsApp still counts the request.
    await db().deleteFrom('call_permissions').where('contact_id', '=', c.contactId).execute();
    const r = await invite(w, agent(), c.conversationId);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'PERMISSION_REQUEST_LIMIT', details: { provider_code: 138009, next_allowed_at: expect.any(String) } });
    expect(await storedPermission(w, c)).toMatchObject({ requests: [] });
  });

  it('ALREADY_PERMANENT (138017 from WhatsApp): mapped to ours, and the permanent grant is taken over', async () => {
    const c = await customerWithRoom(w);
    await grant(w, c, { permanent: true, via: 'profile' });
    await db().deleteFrom('call_permissions').where('contact_id', '=', c.contactId).execute();
    const r = await invite(w, agent(), c.conversationId);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'ALREADY_PERMANENT', details: { provider_code: 138017 } });
    expect((await permissionView(w, agent(), c.conversationId)).body).toMatchObject({ status: 'permanent', call: { allowed: true } });
  });

  it('PERMISSION_REQUEST_LIMIT: 1 per 24 h and 2 per 7 days, with the next allowed time', async () => {
    const c = await customerWithRoom(w);
    const first = await invite(w, agent(), c.conversationId);
    expect(first.status).toBe(201);
    const t0 = Date.parse(first.body.request.sent_at);
    expect((await refused(c, 'PERMISSION_REQUEST_LIMIT')).details).toMatchObject({ next_allowed_at: new Date(t0 + DAY).toISOString() });

    // A day later (on both clocks) the customer writes again: a second request is allowed.
    w.app.clock.advance(DAY);
    await w.emu.clock.advance(DAY);
    await w.emu.control.sendMessage({ from: c.phone, to: w.channel.phoneNumberId, text: 'masih di sini' });
    await settled(w);
    expect((await invite(w, agent(), c.conversationId)).status).toBe(201);

    w.app.clock.advance(DAY);
    await w.emu.clock.advance(DAY);
    await w.emu.control.sendMessage({ from: c.phone, to: w.channel.phoneNumberId, text: 'halo lagi' });
    await settled(w);
    expect((await refused(c, 'PERMISSION_REQUEST_LIMIT')).details).toMatchObject({ next_allowed_at: new Date(t0 + 7 * DAY).toISOString() });
  });
});
