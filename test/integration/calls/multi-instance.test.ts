import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../../emulator/server.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TestClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { openDesk, eventually, type Desk } from '../../support/desk.js';
import { testDbKind } from '../../support/db-config.js';
import { createSeams } from '../../support/seams.js';
import { connectAgentAudio, nextCustomer } from '../../support/calls.js';

/**
 * Two server processes' worth of instances on one PostgreSQL: events cross instances over
 * LISTEN/NOTIFY, media work runs on the instance that owns the call, and routing races for the
 * last free agent are decided by the database.
 */
describe.runIf(testDbKind() === 'postgres')('several instances on one PostgreSQL', () => {
  let tdb: TestDatabase;
  let emu: Emulator;
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;
  let tenant: TestTenant;
  const pnid = '1777000000001';
  const secret = 'multi-secret';
  const seamsA = createSeams();
  const seamsB = createSeams();
  const desks: Desk[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    emu = await createEmulator({ port: 0 });
    const clock = new TestClock();
    const env = { META_GRAPH_URL: emu.url, MEDIA_WORKERS: '1', BUS: 'postgres', DATABASE_URL: tdb.url! };
    a = await createTestApp({ tdb, clock, env, instanceId: 'instance-a', seams: seamsA.seams });
    b = await createTestApp({ tdb, clock, env, instanceId: 'instance-b', seams: seamsB.seams });
    urlA = await a.listen();
    urlB = await b.listen();
    tenant = await createTenant(a, { agents: 2 });
    const now = clock.now();
    const channelId = a.ids.next();
    await a.database.db.insertInto('channels').values({
      id: channelId, tenant_id: tenant.tenantId, name: 'Multi', display_number: '+622150009999', country: 'ID', phone_number_id: pnid,
      waba_id: '2777000000001', access_token: 'multi-token', app_secret: secret, verify_token: 'v', voice_calling_enabled: true,
      prompts: '{}', health: '{}', created_at: now, updated_at: now,
    }).execute();
    await a.database.db.insertInto('channel_members').values(tenant.agents.map((x) => ({ channel_id: channelId, user_id: x.id, tenant_id: tenant.tenantId }))).execute();
    const rg = a.ids.next();
    await a.database.db.insertInto('ring_groups').values({ id: rg, tenant_id: tenant.tenantId, channel_id: channelId, name: 'All', mode: 'ring_all', created_at: now, updated_at: now }).execute();
    await a.database.db.insertInto('ring_group_members').values([{ ring_group_id: rg, channel_id: channelId, user_id: tenant.agents[0]!.id, tenant_id: tenant.tenantId, position: 0 }]).execute();
    await emu.control.putPhoneNumber(pnid, { display_phone_number: '+622150009999', waba_id: '2777000000001', access_token: 'multi-token', app_secret: secret, webhook_url: `${urlA}/webhooks/whatsapp` });
  });
  afterAll(async () => {
    await Promise.all(desks.map((d) => d.close()));
    await emu?.close();
    await b?.stop();
    await a?.stop();
    await tdb?.dispose();
  });

  it('an agent whose desk is on instance B is offered a call that arrived at instance A, accepts on B, and hears the caller', async () => {
    const agent = tenant.agents[0]!;
    const desk = await openDesk(urlB, agent.token);
    desks.push(desk);
    await as(b, agent).put('/api/me/presence', { status: 'available' });
    const placed = await emu.control.placeCall({ from: nextCustomer(), to: pnid, tone: 440 });
    const offer = await desk.next('call.offered');
    const row = await a.database.db.selectFrom('calls').select(['media_instance', 'provider_call_id']).where('id', '=', String(offer.id)).executeTakeFirstOrThrow();
    expect(row.provider_call_id).toBe(placed.id);
    await eventually(async () => (await a.database.db.selectFrom('calls').select('media_instance').where('id', '=', String(offer.id)).executeTakeFirstOrThrow()).media_instance === 'instance-a', 'media on A');
    const accepted = await as(b, agent).post(`/api/calls/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    const client = await connectAgentAudio(desk, String(offer.id), 1000);
    try {
      await eventually(async () => ((await emu.control.getAudio(placed.id, { tones: [1000] })).tone_levels['1000'] ?? 0) > 0.2, 'customer hears the agent', 20_000);
      await eventually(() => (client.heard[0]?.level(440, 500) ?? 0) > 0.2, 'agent hears the customer', 20_000);
    } finally {
      client.close();
    }
    await as(b, agent).post(`/api/calls/${offer.id}/hangup`);
    await eventually(async () => (await emu.control.getCall(placed.id)).state === 'ended', 'ended at WhatsApp');
  });

  it('two instances routing two calls to the last available agent: exactly one offer, the other call is unanswered', async () => {
    const agent = tenant.agents[0]!;
    await as(a, agent).put('/api/me/presence', { status: 'available' });
    const heldA = seamsA.hold('route.before_offers');
    await emu.control.putPhoneNumber(pnid, { display_phone_number: '+622150009999', waba_id: '2777000000001', access_token: 'multi-token', app_secret: secret, webhook_url: `${urlA}/webhooks/whatsapp` });
    const c1 = await emu.control.placeCall({ from: nextCustomer(), to: pnid });
    await heldA.reached; // instance A holds its routing transaction, the agent's row locked
    await emu.control.putPhoneNumber(pnid, { display_phone_number: '+622150009999', waba_id: '2777000000001', access_token: 'multi-token', app_secret: secret, webhook_url: `${urlB}/webhooks/whatsapp` });
    let c2: { id: string };
    try {
      c2 = await emu.control.placeCall({ from: nextCustomer(), to: pnid });
      // B's routing transaction is now waiting for the agent's row, which A holds.
      await eventually(async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(b.database.db);
        return r.rows[0]!.n > 0;
      }, 'B waiting on the lock');
    } finally {
      heldA.release();
    }
    const id2 = await eventually(() => b.database.db.selectFrom('calls').select('id').where('provider_call_id', '=', c2.id).executeTakeFirst(), 'call 2 on B');
    const id1 = await eventually(() => a.database.db.selectFrom('calls').select('id').where('provider_call_id', '=', c1.id).executeTakeFirst(), 'call 1 on A');
    const ended2 = await eventually(async () => {
      const r = await b.database.db.selectFrom('calls').select(['status', 'result']).where('id', '=', id2.id).executeTakeFirstOrThrow();
      return r.status === 'ended' ? r : null;
    }, 'call 2 ended');
    expect(ended2.result).toBe('unanswered');
    const offers = await a.database.db.selectFrom('call_offers').select(['call_id', 'status']).where('agent_id', '=', agent.id).where('status', '=', 'ringing').execute();
    expect(offers).toEqual([{ call_id: id1.id, status: 'ringing' }]);
    await emu.control.hangup(c1.id);
  });
});
