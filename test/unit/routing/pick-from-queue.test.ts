import { describe, expect, it } from 'vitest';
import { pickFromQueue, type PickFromQueueInput } from '../../../src/domain/routing/index.js';
import { agent, now } from './fixtures.js';
import { seededRandom } from './seeded-random.js';

const at = (iso: string) => new Date(iso);
const base = (over: Partial<PickFromQueueInput>): PickFromQueueInput => ({
  strategy: 'ring_all', candidates: [], pointer: null, now, random: () => 0, ...over,
});

describe('pickFromQueue', () => {
  it('returns null when nobody is free', () => {
    for (const strategy of ['ring_all', 'round_robin', 'longest_idle', 'fewest_calls', 'random'] as const) {
      expect(pickFromQueue(base({ strategy }))).toBeNull();
    }
  });

  it('ring_all offers every candidate in member order and keeps the pointer', () => {
    const pick = pickFromQueue(base({ candidates: [agent('B'), agent('A')], order: ['A', 'B'], pointer: 'B' }));
    expect(pick).toEqual({ agentIds: ['A', 'B'], pointer: 'B' });
  });

  it('round_robin takes the next member after the pointer, skipping members not free, and moves the pointer', () => {
    const order = ['A', 'B', 'C', 'D'];
    expect(pickFromQueue(base({ strategy: 'round_robin', candidates: [agent('A'), agent('D')], order, pointer: 'A' })))
      .toEqual({ agentIds: ['D'], pointer: 'D' });
    expect(pickFromQueue(base({ strategy: 'round_robin', candidates: [agent('A'), agent('D')], order, pointer: 'D' })))
      .toEqual({ agentIds: ['A'], pointer: 'A' });
    expect(pickFromQueue(base({ strategy: 'round_robin', candidates: [agent('B'), agent('C')], order, pointer: null })))
      .toEqual({ agentIds: ['B'], pointer: 'B' });
  });

  it('longest_idle picks the agent idle longest, counting from the later of available-since and last call end', () => {
    const candidates = [
      agent('A', { availableSince: at('2026-03-02T01:00:00Z'), lastCallEndedAt: at('2026-03-02T02:50:00Z') }),
      agent('B', { availableSince: at('2026-03-02T02:30:00Z'), lastCallEndedAt: null }),
      agent('C', { availableSince: at('2026-03-02T02:40:00Z'), lastCallEndedAt: at('2026-03-02T02:10:00Z') }),
    ];
    expect(pickFromQueue(base({ strategy: 'longest_idle', candidates }))?.agentIds).toEqual(['B']);
  });

  it('longest_idle: an agent with no idle timestamps counts as idle longest; ties go to member order', () => {
    const same = at('2026-03-02T02:00:00Z');
    expect(pickFromQueue(base({
      strategy: 'longest_idle',
      candidates: [agent('A', { availableSince: same }), agent('B', { availableSince: null })],
    }))?.agentIds).toEqual(['B']);
    expect(pickFromQueue(base({
      strategy: 'longest_idle', order: ['B', 'A'],
      candidates: [agent('A', { availableSince: same }), agent('B', { availableSince: same })],
    }))?.agentIds).toEqual(['B']);
  });

  it('fewest_calls picks the agent with the fewest calls today, ties to the longest idle', () => {
    const candidates = [
      agent('A', { callsToday: 3 }),
      agent('B', { callsToday: 1, availableSince: at('2026-03-02T02:50:00Z') }),
      agent('C', { callsToday: 1, availableSince: at('2026-03-02T02:20:00Z') }),
    ];
    expect(pickFromQueue(base({ strategy: 'fewest_calls', candidates }))).toEqual({ agentIds: ['C'], pointer: null });
  });

  it('random uses the injected source: a seeded source gives a reproducible sequence', () => {
    const candidates = ['A', 'B', 'C', 'D'].map((id) => agent(id));
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 8 }, () => pickFromQueue(base({ strategy: 'random', candidates, random }))!.agentIds[0]);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(new Set(draw(42)).size).toBeGreaterThan(1);
    expect(draw(42)).not.toEqual(draw(7));
  });

  it('random maps the source onto candidates, including the edges 0 and just below 1', () => {
    const candidates = ['A', 'B', 'C'].map((id) => agent(id));
    expect(pickFromQueue(base({ strategy: 'random', candidates, random: () => 0 }))?.agentIds).toEqual(['A']);
    expect(pickFromQueue(base({ strategy: 'random', candidates, random: () => 0.5 }))?.agentIds).toEqual(['B']);
    expect(pickFromQueue(base({ strategy: 'random', candidates, random: () => 0.9999999 }))?.agentIds).toEqual(['C']);
  });
});
