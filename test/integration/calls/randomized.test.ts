import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { nextCustomer, settled } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

/** A small seeded PRNG (mulberry32) so a failing run can be replayed with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.RACE_SEED ?? 20261125);
const CALLS = 14;

/**
 * Many concurrent calls and agents doing random things (accept, reject, ignore, hang up from
 * either side); afterwards the invariants must hold: no agent on two calls at once, every call
 * ended exactly once, every record consistent.
 */
describe(`randomized concurrent calls (seed ${SEED})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 5, ringGroup: { mode: 'ring_all', agents: [0, 1, 2, 3, 4] } });
    for (const a of w.tenant.agents) await w.desk(a);
  });
  afterAll(async () => w?.stop());

  it('keeps every invariant', async () => {
    const rnd = prng(SEED);
    for (const a of w.tenant.agents) await as(w.app, a).put('/api/me/presence', { status: 'available' });
    const outcomes: Promise<unknown>[] = [];
    // Each agent reacts to its offers at random.
    w.desks.forEach((desk, i) => {
      const agent = w.tenant.agents[i]!;
      desk.ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string; id?: string };
        if (m.type !== 'call.offered' || !m.id) return;
        const r = rnd();
        const delay = Math.floor(rnd() * 80);
        const api = as(w.app, agent);
        // A failed expectation is kept and reported by the test, not left as an unhandled rejection.
        outcomes.push(new Promise((res) => setTimeout(res, delay)).then(async () => {
          if (r < 0.55) {
            const acc = await api.post(`/api/calls/${m.id}/accept`);
            expect([200, 409]).toContain(acc.status);
            if (acc.status === 200 && rnd() < 0.5) {
              await new Promise((res) => setTimeout(res, Math.floor(rnd() * 150)));
              const h = await api.post(`/api/calls/${m.id}/hangup`);
              expect([200, 409]).toContain(h.status);
            }
          } else if (r < 0.8) {
            const rej = await api.post(`/api/calls/${m.id}/reject`);
            expect([200, 409]).toContain(rej.status);
          }
        }).then(() => null, (err: unknown) => err));
      });
    });
    const placed = await Promise.all(Array.from({ length: CALLS }, async (_, i) => {
      await new Promise((r) => setTimeout(r, Math.floor(rnd() * 300)));
      return w.emu.control.placeCall({ from: nextCustomer(), to: w.channel.phoneNumberId }).then((c) => ({ ...c, i }));
    }));
    // Some customers hang up at a random moment.
    await Promise.all(placed.map(async (c) => {
      if (rnd() < 0.4) {
        await new Promise((r) => setTimeout(r, Math.floor(rnd() * 400)));
        await w.emu.control.hangup(c.id).catch(() => {});
      }
    }));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await Promise.all(outcomes)).filter((e) => e !== null)).toEqual([]);
    // Whatever is still up ends now: the customers hang up, then ringing offers run out.
    for (const c of placed) await w.emu.control.hangup(c.id).catch(() => {});
    await settled(w);
    await w.app.tick(120_000);
    await settled(w);

    const db = w.app.database.db;
    const calls = await eventually(async () => {
      const rows = await db.selectFrom('calls').selectAll().where('tenant_id', '=', w.tenant.tenantId).execute();
      return rows.length === CALLS && rows.every((r) => r.status === 'ended') ? rows : null;
    }, 'every call ended', 30_000);

    for (const c of calls) {
      const ended = await db.selectFrom('call_journey').select('id').where('call_id', '=', c.id).where('event', '=', 'ended').execute();
      expect(ended, `call ${c.id} ended once`).toHaveLength(1);
      expect(c.ended_at).not.toBeNull();
      const offers = await db.selectFrom('call_offers').select(['agent_id', 'status']).where('call_id', '=', c.id).execute();
      expect(offers.filter((o) => o.status === 'ringing')).toEqual([]);
      expect(offers.filter((o) => o.status === 'accepted').length).toBeLessThanOrEqual(1);
      if (c.answered_at) {
        expect(c.result).toBe('answered');
        expect(c.agent_id).not.toBeNull();
        expect(offers.find((o) => o.status === 'accepted')?.agent_id).toBe(c.agent_id);
        expect(c.answered_at.getTime()).toBeGreaterThanOrEqual(c.offered_at!.getTime());
        expect(c.ended_at!.getTime()).toBeGreaterThanOrEqual(c.answered_at.getTime());
        expect(c.talk_seconds).toBe(Math.floor((c.ended_at!.getTime() - c.answered_at.getTime()) / 1000));
      } else {
        expect(c.result).not.toBe('answered');
        expect(offers.some((o) => o.status === 'accepted')).toBe(false);
      }
    }
    // No agent was on two calls at once: their answered calls never overlap.
    for (const a of w.tenant.agents) {
      const mine = calls.filter((c) => c.agent_id === a.id && c.answered_at).sort((x, y) => x.answered_at!.getTime() - y.answered_at!.getTime());
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.answered_at!.getTime()).toBeGreaterThanOrEqual(mine[i - 1]!.ended_at!.getTime());
    }
    const busy = await db.selectFrom('agent_presence').select('user_id').where('tenant_id', '=', w.tenant.tenantId).where('current_call_id', 'is not', null).execute();
    expect(busy).toEqual([]);
    expect(calls.filter((c) => c.answered_at).length).toBeGreaterThan(0);
  });
});
