import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, settled, waitStatus } from '../../support/calls.js';
import { eventually } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import type { World } from '../../support/world.js';
import { callableCustomer, createOutboundWorld, emulatorCall, permissionView, placeCall, storedPermission, type Customer } from './support.js';

/** Consecutive unanswered or declined business calls: a warning at 2, the permission revoked at 4. */
describe('unanswered business calls', () => {
  let w: World;
  beforeAll(async () => {
    w = await createOutboundWorld();
  });
  afterAll(async () => w?.stop());

  async function declinedCall(c: Customer, agent: { id: string; token: string }) {
    const placed = await placeCall(w, agent, c.conversationId);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const wacid = await emulatorCall(w, placed.body.id);
    await waitStatus(w, placed.body.id, 'ringing');
    await w.emu.control.decline(wacid);
    await waitStatus(w, placed.body.id, 'ended');
    await settled(w);
    return placed.body as { id: string; permission_warning: boolean };
  }

  /** A call that rings out on our side: our ring timeout ends it (WhatsApp does not count a call the business hung up). */
  async function rungOutCall(c: Customer, agent: { id: string; token: string }) {
    const placed = await placeCall(w, agent, c.conversationId);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    await emulatorCall(w, placed.body.id);
    await waitStatus(w, placed.body.id, 'ringing');
    await w.app.tick(45_000);
    await waitStatus(w, placed.body.id, 'ended');
    await settled(w);
    return placed.body as { id: string; permission_warning: boolean };
  }

  it('2 in a row warn the agent (desk event, journey, room header); the 4th revokes the permission here', async () => {
    const agent = w.tenant.agents[0]!;
    const desk = await w.desk(agent);
    const c = await callableCustomer(w, agent);

    const first = await declinedCall(c, agent);
    expect(first.permission_warning).toBe(false);
    expect((await permissionView(w, agent, c.conversationId)).body).toMatchObject({ attempts: { consecutive_unanswered: 1 }, warning: null });

    const second = await declinedCall(c, agent);
    expect(await journey(w, second.id)).toContain('permission_warning');
    const warning = await desk.next('call_permission.warning', (m) => m.call_id === second.id);
    expect(warning).toMatchObject({ consecutive_unanswered: 2, revoked: false, contact_id: c.contactId });
    expect((await permissionView(w, agent, c.conversationId)).body).toMatchObject({ warning: 'consecutive_unanswered', status: 'temporary' });

    // The warning does not forbid calling; the next call says it was given.
    const third = await rungOutCall(c, agent);
    expect(third.permission_warning).toBe(true);
    expect((await permissionView(w, agent, c.conversationId)).body.attempts.consecutive_unanswered).toBe(3);

    const fourth = await rungOutCall(c, agent);
    expect(await journey(w, fourth.id)).toEqual(expect.arrayContaining(['permission_warning', 'permission_revoked']));
    expect(await storedPermission(w, c)).toMatchObject({ status: 'revoked', source: 'automatic', consecutiveUnanswered: 4 });
    expect(await desk.next('call_permission.warning', (m) => m.call_id === fourth.id)).toMatchObject({ consecutive_unanswered: 4, revoked: true });

    const fifth = await placeCall(w, agent, c.conversationId);
    expect(fifth.status).toBe(409);
    expect(fifth.body.error).toMatchObject({ code: 'NO_CALL_PERMISSION', details: { permission_status: 'revoked' } });
  });

  it('4 declined calls: WhatsApp\'s automatic revoke (reject, no context) is applied and shown in the room', async () => {
    const agent = w.tenant.agents[2]!;
    const c = await callableCustomer(w, agent);
    for (let i = 0; i < 4; i++) await declinedCall(c, agent);
    await eventually(async () => (await w.emu.control.notices()).some((n) => n.kind === 'permission_auto_revoked' && n.user_wa_id === c.phone.slice(1)), 'WhatsApp revoke');
    await settled(w);
    // Whichever came first (our count or WhatsApp's reply), the permission is revoked.
    expect(await storedPermission(w, c)).toMatchObject({ status: 'revoked', source: 'automatic' });
    const room = await as(w.app, agent).get(`/api/conversations/${c.conversationId}/messages?limit=100`);
    expect(room.body.items.some((m: { type: string; body: string }) => m.type === 'call_permission_reply' && /^Declined: call permission revoked automatically/.test(m.body))).toBe(true);
    expect((await placeCall(w, agent, c.conversationId)).body.error).toMatchObject({ code: 'NO_CALL_PERMISSION' });
  });

  it('an answered call ends the streak', async () => {
    const agent = w.tenant.agents[1]!;
    const c = await callableCustomer(w, agent);
    await declinedCall(c, agent);
    const placed = await placeCall(w, agent, c.conversationId);
    const wacid = await emulatorCall(w, placed.body.id);
    await w.emu.control.answer(wacid);
    await waitStatus(w, placed.body.id, 'connected');
    expect((await permissionView(w, agent, c.conversationId)).body.attempts.consecutive_unanswered).toBe(0);
    await as(w.app, agent).post(`/api/calls/${placed.body.id}/hangup`);
    await waitStatus(w, placed.body.id, 'ended');
  });
});
