import { describe, expect, it } from 'vitest';
import { initialFlowState, runFlow } from '../../../src/domain/flows/index.js';
import { feed, flow, now, start } from './flow-fixtures.js';

describe('runFlow: each action', () => {
  const queueFlow = flow([
    { id: 'q', type: 'queue', agentGroupId: 'sales', strategy: 'longest_idle', maxWaitSeconds: 120, onTimeout: 'vm' },
    { id: 'bye', type: 'close', disposition: 'unreachable' },
    { id: 'vm', type: 'voicemail' },
  ]);

  it('queue: enqueues and waits until the max wait', () => {
    const run = start(queueFlow);
    expect(run.effects).toEqual([{ type: 'enqueue', actionId: 'q', agentGroupId: 'sales', strategy: 'longest_idle', maxWaitSeconds: 120 }]);
    expect(run.waitingFor).toEqual({ actionId: 'q', kind: 'queue', timeoutAt: '2026-03-02T03:02:00.000Z' });
    expect(run.state.status).toBe('waiting');
  });

  it('queue: answered ends the flow; a timeout goes to onTimeout; an abandon ends it', () => {
    const run = start(queueFlow);
    expect(feed(queueFlow, run, { type: 'queue_result', actionId: 'q', outcome: 'answered' }).state).toMatchObject({ status: 'done', outcome: 'answered' });
    const timedOut = feed(queueFlow, run, { type: 'queue_result', actionId: 'q', outcome: 'timeout' });
    expect(timedOut.effects).toEqual([{ type: 'start_voicemail', actionId: 'vm' }]);
    expect(timedOut.state.outcome).toBe('voicemail');
    expect(feed(queueFlow, run, { type: 'queue_result', actionId: 'q', outcome: 'abandoned' }).state.outcome).toBe('abandoned');
  });

  it('agent: offers with a timeout; no answer continues with the next action', () => {
    const f = flow([{ id: 'a', type: 'agent', agentId: 'u1', timeoutSeconds: 20 }, { id: 'c', type: 'close' }]);
    const run = start(f);
    expect(run.effects).toEqual([{ type: 'offer_to_agent', actionId: 'a', agentId: 'u1', timeoutSeconds: 20 }]);
    expect(run.waitingFor?.timeoutAt).toBe('2026-03-02T03:00:20.000Z');
    const missed = feed(f, run, { type: 'agent_result', actionId: 'a', outcome: 'no_answer' });
    expect(missed.effects).toEqual([{ type: 'close', actionId: 'c', disposition: null }]);
    expect(missed.state.outcome).toBe('closed');
    expect(feed(f, run, { type: 'agent_result', actionId: 'a', outcome: 'answered' }).state.outcome).toBe('answered');
  });

  it('auto_reply: at most N times per interaction, across re-runs, with variables filled in', () => {
    const f = flow([{ id: 'hi', type: 'auto_reply', message: 'Hello {{name}}, ticket {{ ticket }}{{missing}}.', maxPerInteraction: 2 }]);
    let state = initialFlowState({ name: 'Sari' });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = runFlow(f, state, { type: 'start', variables: { ticket: 40 + i } }, now);
      texts.push(...run.effects.map((e) => (e.type === 'send_message' ? e.text : e.type)));
      expect(run.state.outcome).toBe('ended');
      state = run.state;
    }
    expect(texts).toEqual(['Hello Sari, ticket 40.', 'Hello Sari, ticket 41.']);
  });

  it('tag, noop and close: tags, a log line, then the disposition', () => {
    const f = flow([
      { id: 't', type: 'tag', tags: ['vip', 'billing'] }, { id: 'n', type: 'noop', log: 'tagged' },
      { id: 'c', type: 'close', disposition: 'resolved' }, { id: 'never', type: 'noop' },
    ]);
    const run = start(f);
    expect(run.effects).toEqual([
      { type: 'add_tags', actionId: 't', tags: ['vip', 'billing'] },
      { type: 'log', actionId: 'n', level: 'info', message: 'tagged' },
      { type: 'close', actionId: 'c', disposition: 'resolved' },
    ]);
    expect(run.state).toMatchObject({ status: 'done', outcome: 'closed' });
  });

  it('goto_if: jumps when the conditions hold (all / any), else falls through', () => {
    const f = flow([
      { id: 'if', type: 'goto_if', match: 'any', conditions: [{ variable: 'lang', op: 'eq', value: 'id' }, { variable: 'tier', op: 'gte', value: 3 }], target: 'id' },
      { id: 'en', type: 'auto_reply', message: 'Hello' }, { id: 'end', type: 'close' },
      { id: 'id', type: 'auto_reply', message: 'Halo' },
    ]);
    const texts = (variables: Record<string, string | number>) =>
      start(f, now, initialFlowState(), variables).effects.filter((e) => e.type === 'send_message').map((e) => (e as { text: string }).text);
    expect(texts({ lang: 'id' })).toEqual(['Halo']);
    expect(texts({ lang: 'en', tier: '5' })).toEqual(['Halo']);
    expect(texts({ lang: 'en', tier: 2 })).toEqual(['Hello']);
    expect(texts({})).toEqual(['Hello']);
  });

  it('goto with maxTimes: loops that many times per interaction, then continues', () => {
    const f = flow([{ id: 'n', type: 'noop', log: 'again' }, { id: 'back', type: 'goto', target: 'n', maxTimes: 2 }, { id: 'c', type: 'close' }]);
    const run = start(f);
    expect(run.effects.map((e) => e.type)).toEqual(['log', 'log', 'log', 'close']);
    expect(run.state.gotoCounts).toEqual({ back: 2 });
  });

  it('voicemail: starts the recording and ends the flow', () => {
    const run = start(flow([{ id: 'vm', type: 'voicemail' }, { id: 'n', type: 'noop' }]));
    expect(run.effects).toEqual([{ type: 'start_voicemail', actionId: 'vm' }]);
    expect(run.state.outcome).toBe('voicemail');
  });

  it('webhook: asks the app to call it, then branches on the answer stored in variables', () => {
    const f = flow([
      { id: 'crm', type: 'webhook', url: 'https://crm.example/lookup', saveAs: 'crm', timeoutMs: 3000, onError: 'fallback' },
      { id: 'vip', type: 'goto_if', conditions: [{ variable: 'crm.customer.tier', op: 'eq', value: 'gold' }], target: 'gold' },
      { id: 'std', type: 'queue', agentGroupId: 'standard' },
      { id: 'gold', type: 'queue', agentGroupId: 'gold' },
      { id: 'fallback', type: 'queue', agentGroupId: 'everyone' },
    ]);
    const run = start(f, now, initialFlowState({ caller: '+6281234567890' }));
    expect(run.effects).toEqual([{
      type: 'call_webhook', actionId: 'crm', url: 'https://crm.example/lookup', method: 'POST', timeoutMs: 3000, variables: { caller: '+6281234567890' },
    }]);
    expect(run.waitingFor).toEqual({ actionId: 'crm', kind: 'webhook', timeoutAt: '2026-03-02T03:00:03.000Z' });

    const gold = feed(f, run, { type: 'webhook_result', actionId: 'crm', ok: true, status: 200, data: { customer: { tier: 'gold', name: 'Sari' }, list: [1] } });
    expect(gold.effects).toEqual([expect.objectContaining({ type: 'enqueue', agentGroupId: 'gold' })]);
    expect(gold.state.variables).toEqual({
      caller: '+6281234567890', 'crm.ok': true, 'crm.status': 200, 'crm.customer.tier': 'gold', 'crm.customer.name': 'Sari',
    });

    const failed = feed(f, run, { type: 'webhook_result', actionId: 'crm', ok: false, status: null });
    expect(failed.effects).toEqual([expect.objectContaining({ type: 'enqueue', agentGroupId: 'everyone' })]);
  });
});

describe('runFlow: guards', () => {
  it('ignores a stale result, a result of the wrong kind, and a start while waiting', () => {
    const f = flow([{ id: 'q', type: 'queue', agentGroupId: 'g' }]);
    const run = start(f);
    for (const input of [
      { type: 'queue_result', actionId: 'other', outcome: 'answered' } as const,
      { type: 'agent_result', actionId: 'q', outcome: 'answered' } as const,
      { type: 'start' } as const,
    ]) {
      const after = runFlow(f, run.state, input, now);
      expect(after).toEqual({ state: run.state, effects: [], ignored: true });
    }
    const done = feed(f, run, { type: 'queue_result', actionId: 'q', outcome: 'answered' });
    expect(feed(f, done, { type: 'queue_result', actionId: 'q', outcome: 'answered' }).ignored).toBe(true);
  });

  it('stops a conditional loop at maxSteps', () => {
    const f = flow([{ id: 'spin', type: 'goto_if', conditions: [{ variable: 'x', op: 'exists' }], target: 'spin' }], 25);
    const run = start(f, now, initialFlowState({ x: 1 }));
    expect(run.state.outcome).toBe('step_limit');
    expect(run.effects).toEqual([{ type: 'log', actionId: 'spin', level: 'warn', message: 'Stopped after 25 steps: the flow seems to loop.' }]);
  });

  it('ends when the flow runs out of actions', () => {
    expect(start(flow([{ id: 'n', type: 'noop' }])).state).toMatchObject({ status: 'done', outcome: 'ended' });
  });

  it('ends safely when the flow was edited while waiting and the action is gone', () => {
    const before = flow([{ id: 'q', type: 'queue', agentGroupId: 'g' }]);
    const after = flow([{ id: 'n', type: 'noop' }]);
    const run = start(before);
    expect(runFlow(after, run.state, { type: 'queue_result', actionId: 'q', outcome: 'timeout' }, now).state.outcome).toBe('ended');
  });

  it('keeps its state as plain JSON', () => {
    const f = flow([{ id: 'hi', type: 'auto_reply', message: 'Hi' }, { id: 'q', type: 'queue', agentGroupId: 'g' }]);
    const run = start(f);
    expect(JSON.parse(JSON.stringify(run.state))).toEqual(run.state);
  });
});
