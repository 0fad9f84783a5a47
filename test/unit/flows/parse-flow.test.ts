import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../../src/domain/flows/index.js';

const issues = (input: unknown): string[] => {
  const result = parseFlow(input);
  if (result.ok) return [];
  return (result.details!['issues'] as { path: string; message: string }[]).map((i) => `${i.path}: ${i.message}`);
};

describe('parseFlow', () => {
  it('accepts a flow and fills the defaults', () => {
    const result = parseFlow({
      actions: [
        { id: 'hours', type: 'working_hours', timeZone: 'Asia/Jakarta', intervals: [{ days: ['mon'], start: '09:00', end: '17:00' }], closedTarget: 'vm' },
        { id: 'q', type: 'queue', agentGroupId: 'sales' },
        { id: 'vm', type: 'voicemail' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { maxSteps: 100, actions: [{ holidays: [] }, { strategy: 'ring_all', maxWaitSeconds: 120 }, { type: 'voicemail' }] },
    });
  });

  it('rejects duplicate ids and jump targets that do not exist', () => {
    expect(issues({
      actions: [
        { id: 'a', type: 'noop' }, { id: 'a', type: 'goto', target: 'nowhere' },
        { id: 'q', type: 'queue', agentGroupId: 'g', onTimeout: 'missing' },
      ],
    })).toEqual([
      'actions.1.id: duplicate action id "a"',
      'actions.1: jump target "nowhere" does not exist',
      'actions.2: jump target "missing" does not exist',
    ]);
  });

  it('rejects loops made only of forced moves', () => {
    expect(issues({ actions: [{ id: 'a', type: 'goto', target: 'a' }] })).toEqual(['actions: actions a loop forever; add a condition, a wait or a goto maxTimes']);
    expect(issues({
      actions: [{ id: 'hi', type: 'auto_reply', message: 'Hi' }, { id: 't', type: 'tag', tags: ['x'] }, { id: 'back', type: 'goto', target: 'hi' }],
    })).toEqual(['actions: actions hi → t → back loop forever; add a condition, a wait or a goto maxTimes']);
  });

  it('accepts loops with a step limit, a condition, or a wait in them', () => {
    expect(parseFlow({ actions: [{ id: 'n', type: 'noop' }, { id: 'back', type: 'goto', target: 'n', maxTimes: 3 }] }).ok).toBe(true);
    expect(parseFlow({
      actions: [{ id: 'c', type: 'goto_if', conditions: [{ variable: 'x', op: 'exists' }], target: 'c' }],
    }).ok).toBe(true);
    expect(parseFlow({ actions: [{ id: 'q', type: 'queue', agentGroupId: 'g' }, { id: 'again', type: 'goto', target: 'q' }] }).ok).toBe(true);
  });

  it('rejects bad fields: unknown type, time zone, URL, times, operator values, extra keys', () => {
    expect(parseFlow({ actions: [{ id: 'x', type: 'shell', command: 'rm -rf /' }] }).ok).toBe(false);
    expect(parseFlow({ actions: [{ id: 'h', type: 'working_hours', timeZone: 'Mars/Olympus', intervals: [], closedTarget: 'h' }] }).ok).toBe(false);
    expect(parseFlow({ actions: [{ id: 'w', type: 'webhook', url: 'file:///etc/passwd' }] }).ok).toBe(false);
    expect(parseFlow({
      actions: [{ id: 'h', type: 'working_hours', timeZone: 'UTC', intervals: [{ days: ['mon'], start: '9:00', end: '25:00' }], closedTarget: 'h' }],
    }).ok).toBe(false);
    expect(parseFlow({ actions: [{ id: 'c', type: 'goto_if', conditions: [{ variable: 'x', op: 'in', value: 'a' }], target: 'c' }] }).ok).toBe(false);
    expect(parseFlow({ actions: [{ id: 'c', type: 'goto_if', conditions: [{ variable: 'x', op: 'eq' }], target: 'c' }] }).ok).toBe(false);
    expect(parseFlow({ actions: [{ id: 'n', type: 'noop', extra: 1 }] }).ok).toBe(false);
    expect(parseFlow({ actions: [] }).ok).toBe(false);
  });
});
