import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCustomer } from '../../support/calls.js';
import { testDbKind } from '../../support/db-config.js';
import { eventually } from '../../support/desk.js';
import { createSeams } from '../../support/seams.js';
import { createWorld, type World } from '../../support/world.js';

/**
 * Calls arriving together at a round-robin group do not queue behind each other: a call whose next agent in
 * turn is being offered another call right now (row locked by that transaction) takes the next free agent at
 * once. Only PostgreSQL runs two transactions at the same time (PGlite has one connection).
 */
describe.runIf(testDbKind() === 'postgres')('round robin under concurrent calls', () => {
  let w: World;
  const s = createSeams();
  beforeAll(async () => {
    w = await createWorld({ agents: 3, ringGroup: { mode: 'round_robin', agents: [0, 1, 2] }, seams: s.seams });
    for (const a of w.tenant.agents) await w.available(a);
  });
  afterAll(async () => w?.stop());

  const ringingOffer = (providerCallId: string) => w.app.database.db
    .selectFrom('call_offers as o').innerJoin('calls as c', 'c.id', 'o.call_id')
    .select(['o.agent_id']).where('c.provider_call_id', '=', providerCallId).where('o.status', '=', 'ringing')
    .executeTakeFirst();

  it('a second call is offered to the next free agent while the first call\'s offer is still being written', async () => {
    const held = s.hold('route.before_offers');
    const first = await w.emu.control.placeCall({ from: nextCustomer(), to: w.channel.phoneNumberId });
    const ctx = await held.reached; // the first call's transaction holds its agent's row
    const firstAgent = (ctx.agentIds as string[])[0]!;
    let secondAgent: string;
    try {
      const second = await w.emu.control.placeCall({ from: nextCustomer(), to: w.channel.phoneNumberId });
      // Committed while the first transaction still waits: the second call did not wait for that agent's lock.
      secondAgent = (await eventually(() => ringingOffer(second.id), 'second call offered')).agent_id;
      expect(await ringingOffer(first.id)).toBeUndefined();
    } finally {
      held.release();
    }
    expect(secondAgent).not.toBe(firstAgent);
    expect((await eventually(() => ringingOffer(first.id), 'first call offered')).agent_id).toBe(firstAgent);
  });
});
