import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as } from '../../support/fixtures.js';
import { customerCalls } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** Durable timers live in the database: a server stopped while a call rings still times the offer out after a restart. */
describe('timers survive a restart', () => {
  let w: World;
  let restarted: TestApp | null = null;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 0, agents: 2, ringGroup: { mode: 'round_robin', agents: [0, 1] } });
    for (const a of w.tenant.agents) await w.desk(a);
  });
  afterAll(async () => {
    await restarted?.close();
    await w?.stop();
  });

  it('stop the server while a call rings; on start the offer still times out and goes to the next agent', async () => {
    for (const a of w.tenant.agents) await as(w.app, a).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w);
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    const offer = await w.app.database.db.selectFrom('call_offers').select('id').where('call_id', '=', call.callId).executeTakeFirstOrThrow();
    expect(await w.app.scheduler.next('call.offer_timeout', offer.id)).not.toBeNull();

    // The server goes away (its database stays), time passes, a new server starts on the same data.
    for (const d of w.desks) await d.close();
    await w.app.close();
    w.app.clock.advance(31_000);
    restarted = await createTestApp({ tdb: w.app.tdb, clock: w.app.clock, env: { META_GRAPH_URL: w.emu.url, MEDIA_WORKERS: '0' } });
    expect(await restarted.scheduler.runDue()).toBeGreaterThan(0);
    const offers = await restarted.database.db.selectFrom('call_offers').select(['agent_id', 'status']).where('call_id', '=', call.callId).orderBy('offered_at').execute();
    expect(offers).toEqual([
      { agent_id: w.tenant.agents[0]!.id, status: 'missed' },
      { agent_id: w.tenant.agents[1]!.id, status: 'ringing' },
    ]);
    const journey = await restarted.database.db.selectFrom('call_journey').select('event').where('call_id', '=', call.callId).orderBy('id').execute();
    expect(journey.map((j) => j.event)).toEqual(expect.arrayContaining(['offered', 'missed']));
    // And the timer fired once: running again finds nothing more due.
    expect(await restarted.scheduler.runDue()).toBe(0);
    // Meta's window (60 s after the call arrived) closes before the second offer runs out: unanswered, agent N/A.
    restarted.clock.advance(30_000);
    await restarted.scheduler.runDue();
    const row = await restarted.database.db.selectFrom('calls').select(['status', 'result', 'agent_id']).where('id', '=', call.callId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ended', result: 'unanswered', agent_id: null });
  });
});
