import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Desk } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import { createWorld, type World } from '../../support/world.js';
import { deliverSigned } from './support.js';

const DAY = 86_400_000;

/**
 * Calling health (SPEC §2): Meta's violations and restrictions (`account_update`) stored on the
 * channel with their expiry and pushed to admins; answer rates over 7 and 30 days from the calls.
 */
describe('channel calling health', () => {
  let w: World;
  let adminDesk: Desk;
  let agentDesk: Desk;
  const second = { id: '', phoneNumberId: '', displayNumber: '' };
  beforeAll(async () => {
    w = await createWorld({ agents: 1, ringGroup: null });
    adminDesk = await w.desk(w.tenant.admin);
    agentDesk = await w.desk(w.tenant.agents[0]!);
    // A second number of the same WhatsApp Business Account (same app, same secret).
    const now = w.app.clock.now();
    second.id = w.app.ids.next();
    second.phoneNumberId = `${w.channel.phoneNumberId.slice(0, -1)}2`;
    second.displayNumber = `${w.channel.displayNumber.slice(0, -1)}${w.channel.displayNumber.endsWith('9') ? '8' : '9'}`;
    await w.app.database.db.insertInto('channels').values({
      id: second.id, tenant_id: w.tenant.tenantId, type: 'whatsapp', name: 'Second number', display_number: second.displayNumber, country: 'ID',
      phone_number_id: second.phoneNumberId, waba_id: w.channel.wabaId, access_token: 'token-second', app_secret: w.channel.appSecret,
      verify_token: `verify-second-${second.phoneNumberId}`, prompts: '{}', health: '{}', created_at: now, updated_at: now,
    }).execute();
    await w.emu.control.putPhoneNumber(second.phoneNumberId, {
      display_phone_number: second.displayNumber, waba_id: w.channel.wabaId, access_token: 'token-second', app_secret: w.channel.appSecret,
      webhook_url: `${w.url}/webhooks/whatsapp`,
    });
  });
  afterAll(async () => w?.stop());

  const admin = () => as(w.app, w.tenant.admin);
  const health = async (id = w.channel.id) => (await admin().get(`/api/channels/${id}`)).body.health;
  const applied = async () => {
    await w.emu.flush();
    await w.app.services.providerEvents.idle();
  };

  it('an ACCOUNT_VIOLATION is stored in the channel\'s health, pushed to admins only, and shown by GET /api/channels/:id', async () => {
    await w.emu.control.accountUpdate(w.channel.phoneNumberId, { event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE' } });
    const pushed = await adminDesk.next('channel.health_changed', (m) => m.channel_id === w.channel.id);
    expect(pushed.health).toMatchObject({ violations: [{ type: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE', reported_at: w.app.clock.now().toISOString() }] });
    expect((await health()).violations).toEqual([{ type: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE', reported_at: w.app.clock.now().toISOString() }]);
    // The other number of the same account is not concerned.
    expect((await health(second.id)).violations).toEqual([]);
    // Agents are not told.
    expect(agentDesk.of('channel.health_changed')).toEqual([]);
  });

  it('an ACCOUNT_RESTRICTION is stored with its expiry, active until then', async () => {
    const expiration = Math.floor(w.app.clock.now().getTime() / 1000) + 7 * 86_400;
    await w.emu.control.accountUpdate(second.displayNumber, {
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [{ restriction_type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', expiration }],
    });
    await adminDesk.next('channel.health_changed', (m) => m.channel_id === second.id);
    const expires = new Date(expiration * 1000).toISOString();
    expect((await health(second.id)).restrictions).toEqual([
      { type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', expiration: expires, reported_at: w.app.clock.now().toISOString(), active: true },
    ]);
    expect((await health(w.channel.id)).restrictions).toEqual([]);

    // A newer report of the same restriction replaces the old one; another type is added.
    await w.emu.control.accountUpdate(second.phoneNumberId, {
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [
        { restriction_type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', expiration: expiration + 86_400 },
        { restriction_type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: expiration - 6 * 86_400 },
      ],
    });
    await applied();
    const r = (await health(second.id)).restrictions;
    expect(r.map((x: { type: string; expiration: string }) => [x.type, x.expiration])).toEqual([
      ['RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', new Date((expiration + 86_400) * 1000).toISOString()],
      ['RESTRICTED_BUSINESS_INITIATED_CALLING', new Date((expiration - 6 * 86_400) * 1000).toISOString()],
    ]);

    // Two days later the shorter restriction has run out.
    w.app.clock.advance(2 * DAY);
    const later = (await health(second.id)).restrictions;
    expect(later.map((x: { type: string; active: boolean }) => [x.type, x.active])).toEqual([
      ['RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN', true],
      ['RESTRICTED_BUSINESS_INITIATED_CALLING', false],
    ]);
  });

  it('an account update for another number of the account is acknowledged and stored nowhere; one naming no number concerns every number', async () => {
    const update = (value: Record<string, unknown>, time: number) => ({ object: 'whatsapp_business_account', entry: [{ id: w.channel.wabaId, time, changes: [{ field: 'account_update', value }] }] });
    const db = w.app.database.db;
    const stored = async () => Number((await db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'account.update').executeTakeFirstOrThrow()).n);
    const before = await stored();
    const other = await deliverSigned(w, update({ phone_number: '6221999999999', event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'LOW_BUSINESS_INITIATED_CALLING_QUALITY' } }, 1772420500));
    expect(other).toMatchObject({ status: 200, body: { received: 0, new: 0 } });
    expect(await stored()).toBe(before);

    const all = await deliverSigned(w, update({ event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'LOW_BUSINESS_INITIATED_CALLING_QUALITY' } }, 1772420501));
    expect(all).toMatchObject({ status: 200, body: { received: 2, new: 2 } });
    await applied();
    for (const id of [w.channel.id, second.id]) {
      expect((await health(id)).violations.map((v: { type: string }) => v.type)).toContain('LOW_BUSINESS_INITIATED_CALLING_QUALITY');
    }
  });

  it('answer rates over 7 and 30 days come from the channel\'s ended inbound calls', async () => {
    const db = w.app.database.db;
    const now = w.app.clock.now().getTime();
    let i = 0;
    const call = async (daysAgo: number, o: { answered?: boolean; accepted?: boolean; direction?: 'inbound' | 'outbound'; status?: 'ended' | 'connected'; channelId?: string } = {}) => {
      const at = new Date(now - daysAgo * DAY - 60_000);
      await db.insertInto('calls').values({
        id: w.app.ids.next(), tenant_id: w.tenant.tenantId, channel_id: o.channelId ?? w.channel.id, direction: o.direction ?? 'inbound', provider_call_id: `wacid.HEALTH${++i}`,
        status: o.status ?? 'ended', result: o.status === 'connected' ? null : o.answered ? 'answered' : 'unanswered', provider_accepted: o.accepted ?? o.answered ?? false,
        answered_at: o.answered ? at : null, offered_at: at, ended_at: o.status === 'connected' ? null : at, created_at: at, updated_at: at, state: '{}',
      }).execute();
    };
    expect(await health()).toMatchObject({ answer_rate_7d: null, answer_rate_30d: null, calls_7d: { received: 0, answered: 0, rate: null } });
    // Last 7 days: 3 answered (one of them accepted into a queue, no agent) of 4.
    await call(1, { answered: true });
    await call(2, { answered: true });
    await call(3, { accepted: true });
    await call(6);
    // 8–29 days ago: 1 answered of 4.
    await call(8, { answered: true });
    await call(10);
    await call(20);
    await call(29);
    // Not counted: older than 30 days, outbound, still in progress, another channel.
    await call(31, { answered: true });
    await call(1, { direction: 'outbound' });
    await call(0, { status: 'connected' });
    await call(1, { channelId: second.id });
    const h = await health();
    expect(h).toMatchObject({
      answer_rate_7d: 0.75, calls_7d: { received: 4, answered: 3, rate: 0.75 },
      answer_rate_30d: 0.5, calls_30d: { received: 8, answered: 4, rate: 0.5 },
    });
    expect((await health(second.id)).calls_7d).toEqual({ received: 1, answered: 0, rate: 0 });
  });

  it('answer rate from a call that really went through the emulator unanswered', async () => {
    const before = (await health()).calls_7d;
    const placed = await w.emu.control.placeCall({ from: '+6281399990000', to: w.channel.phoneNumberId });
    await w.emu.control.hangup(placed.id);
    await eventually(async () => (await health()).calls_7d.received === before.received + 1, 'call counted');
    expect((await health()).calls_7d).toMatchObject({ answered: before.answered });
  });
});
