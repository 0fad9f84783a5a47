import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallCharges } from '../../../src/app/billing/call-charges.js';
import { stateColumns } from '../../../src/app/calls/call-row.js';
import { CALL_TIMERS } from '../../../src/app/calls/call-timers.js';
import { newOutboundCall } from '../../../src/domain/calls/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';

const RATE = 1_200; // per minute, Indonesia

/**
 * The voice balance under concurrent call endings, with real parallel transactions (a pool on
 * PostgreSQL; PGlite serialises them on its one connection): every answered business call is charged
 * exactly once and the ledger's running balance stays exact.
 */
describe('voice balance: calls ending at once', () => {
  let app: TestApp;
  let t: TestTenant;
  let channelId: string;
  let n = 0;
  const db = () => app.database.db;

  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 1 });
    channelId = app.ids.next();
    const now = app.clock.now();
    await db().insertInto('channels').values({
      id: channelId, tenant_id: t.tenantId, type: 'whatsapp', name: 'WA', display_number: '+622150009999', voice_calling_enabled: true,
      prompts: '{}', health: '{}', created_at: now, updated_at: now,
    }).execute();
    await as(app, t.admin).put('/api/billing/rates', { rates: [{ country: 'ID', rate_per_minute_minor: RATE }] });
    expect((await as(app, t.admin).post('/api/billing/top-ups', { amount_minor: 100_000 })).status).toBe(201);
  });
  afterAll(async () => app?.stop());

  /** A business call connected `talkedS` seconds ago (what the engine leaves after the customer answered). */
  async function connectedCall(talkedS: number): Promise<string> {
    const id = app.ids.next();
    const now = app.clock.now();
    const phone = `+62812${String(5_000_000 + ++n).padStart(7, '0')}`;
    const contactId = app.ids.next();
    await db().insertInto('contacts').values({ id: contactId, tenant_id: t.tenantId, phone_e164: phone, country: 'ID', name: null, wa_id: phone.slice(1), created_at: now, updated_at: now }).execute();
    const answeredAt = now.getTime() - talkedS * 1000;
    const state = { ...newOutboundCall(answeredAt - 5_000, ''), agentId: null, status: 'connected' as const, providerAccepted: true, answeredAt };
    await db().insertInto('calls').values({
      id, tenant_id: t.tenantId, channel_id: channelId, direction: 'outbound', contact_id: contactId, customer_number: phone, channel_number: '+622150009999',
      offered_at: new Date(answeredAt - 5_000), created_at: now, updated_at: now, ...stateColumns(state),
    }).execute();
    return id;
  }

  const balance = async () => (await db().selectFrom('voice_balances').select('balance_minor').where('tenant_id', '=', t.tenantId).executeTakeFirstOrThrow()).balance_minor;
  const charges = async (callIds: string[]) =>
    db().selectFrom('ledger_entries').select(['call_id', 'amount_minor', 'balance_after_minor']).where('call_id', 'in', callIds).orderBy('created_at').orderBy('id').execute();

  it('two calls ending at the same moment: both charged, the running balance exact', async () => {
    const before = await balance();
    const a = await connectedCall(61); // 2 minutes
    const b = await connectedCall(125); // 3 minutes
    await Promise.all([
      app.services.calls.apply(a, { type: 'system_hangup', reason: 'test' }),
      app.services.calls.apply(b, { type: 'system_hangup', reason: 'test' }),
    ]);
    const rows = await charges([a, b]);
    expect(rows.map((r) => [r.call_id, r.amount_minor]).sort()).toEqual([[a, -2 * RATE], [b, -3 * RATE]].sort());
    expect(await balance()).toBe(before - 5 * RATE);
    // Each ledger row carries the balance right after it: whichever committed second saw the other's charge.
    const afters = rows.map((r) => r.balance_after_minor).sort((x, y) => y - x);
    expect([[before - 2 * RATE, before - 5 * RATE], [before - 3 * RATE, before - 5 * RATE]]).toContainEqual(afters);
    const costs = await db().selectFrom('calls').select(['id', 'cost_minor']).where('id', 'in', [a, b]).execute();
    expect(Object.fromEntries(costs.map((c) => [c.id, c.cost_minor]))).toEqual({ [a]: 2 * RATE, [b]: 3 * RATE });
  });

  it('one call ended twice at once (a hang-up and a terminate webhook): charged once', async () => {
    const before = await balance();
    const c = await connectedCall(30);
    const results = await Promise.allSettled([
      app.services.calls.apply(c, { type: 'system_hangup', reason: 'test' }),
      app.services.calls.apply(c, { type: 'provider_terminated', failed: false, errorCode: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CALL_STATE_CHANGED' } });
    expect(await charges([c])).toEqual([expect.objectContaining({ amount_minor: -RATE })]);
    expect(await balance()).toBe(before - RATE);
  });

  it('the charge hook run twice in parallel transactions for one call writes one ledger row', async () => {
    const c = await connectedCall(10);
    await app.services.calls.apply(c, { type: 'system_hangup', reason: 'test' });
    const before = await balance();
    const row = await db().selectFrom('calls').selectAll().where('id', '=', c).executeTakeFirstOrThrow();
    const hooks = createCallCharges(app);
    await Promise.all([0, 1, 2].map(() => db().transaction().execute((tx) => hooks.onEnded(tx, row))));
    expect(await charges([c])).toHaveLength(1);
    expect(await balance()).toBe(before);
  });

  it('live calls share the balance: cut-offs never spend more than it, and move when one call ends', async () => {
    await db().updateTable('voice_balances').set({ balance_minor: 12 * RATE }).where('tenant_id', '=', t.tenantId).execute();
    const a = await connectedCall(0);
    const b = await connectedCall(0);
    const hooks = createCallCharges(app);
    await db().transaction().execute((tx) => hooks.rescheduleCutoffs(tx, t.tenantId));
    const due = async (id: string) =>
      (await db().selectFrom('timers').select('due_at').where('kind', '=', CALL_TIMERS.balanceCutoff).where('key', '=', id).executeTakeFirstOrThrow()).due_at.getTime();
    const now = app.clock.now().getTime();
    // 12 minutes of balance, two calls: 6 minutes each.
    expect(await due(a)).toBe(now + 6 * 60_000);
    expect(await due(b)).toBe(now + 6 * 60_000);
    // Call a ends after 2 minutes (charged 2): b may now use the remaining 10.
    app.clock.advance(120_000);
    await app.services.calls.apply(a, { type: 'system_hangup', reason: 'test' });
    expect(await balance()).toBe(10 * RATE);
    expect(await due(b)).toBe(now + 10 * 60_000);
    // A top-up moves it again.
    await as(app, t.admin).post('/api/billing/top-ups', { amount_minor: 60 * RATE });
    expect(await due(b)).toBe(now + 70 * 60_000);
    await app.services.calls.apply(b, { type: 'system_hangup', reason: 'test' });
  });
});
