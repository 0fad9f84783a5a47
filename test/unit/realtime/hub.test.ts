import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/actor.js';
import { supervisors, supervisorsOf } from '../../../src/app/events.js';
import { createMemoryBus } from '../../../src/realtime/bus.js';
import { createHub, type DeskSocket } from '../../../src/realtime/hub.js';

function socket(id: string, actor: Actor, scope?: { agentIds: string[]; groupIds: string[] }) {
  const got: string[] = [];
  const s: DeskSocket = {
    id, actor, send: (m) => got.push((JSON.parse(m) as { type: string }).type),
    ...(scope ? { supervision: { current: { agentIds: new Set(scope.agentIds), groupIds: scope.groupIds } } } : {}),
  };
  return { s, got };
}

describe('desk hub', () => {
  const setup = () => {
    const bus = createMemoryBus(pino({ level: 'silent' }));
    const hub = createHub(bus, pino({ level: 'silent' }));
    const a1 = socket('s1', { userId: 'a1', tenantId: 't1', role: 'agent' });
    const a1b = socket('s2', { userId: 'a1', tenantId: 't1', role: 'agent' });
    const a2 = socket('s3', { userId: 'a2', tenantId: 't1', role: 'agent' });
    const admin = socket('s4', { userId: 'ad', tenantId: 't1', role: 'admin' });
    const scoped = socket('s5', { userId: 'sv', tenantId: 't1', role: 'supervisor' }, { agentIds: ['a2'], groupIds: ['g2'] });
    const other = socket('s6', { userId: 'a1', tenantId: 't2', role: 'agent' });
    for (const x of [a1, a1b, a2, admin, scoped, other]) hub.add(x.s);
    return { bus, hub, a1, a1b, a2, admin, scoped, other };
  };

  it('delivers to every socket of the named users in the tenant, once each, and to nobody else', () => {
    const { bus, a1, a1b, a2, admin, scoped, other } = setup();
    bus.publish([{ type: 'call.offered', tenantId: 't1', audience: { userIds: ['a1', 'a1'] }, data: {} }]);
    expect(a1.got).toEqual(['call.offered']);
    expect(a1b.got).toEqual(['call.offered']);
    expect([a2.got, admin.got, scoped.got, other.got]).toEqual([[], [], [], []]);
  });

  it('reaches roles, a scoped supervisor only about their own agents or groups; a named user and a role are not sent twice', () => {
    const { bus, a1, a2, admin, scoped } = setup();
    bus.publish([{ type: 'about.a1', tenantId: 't1', audience: supervisorsOf(['a1']), data: {} }]);
    bus.publish([{ type: 'about.a2', tenantId: 't1', audience: supervisorsOf(['a2']), data: {} }]);
    bus.publish([{ type: 'about.g2', tenantId: 't1', audience: supervisorsOf([], ['g2']), data: {} }]);
    bus.publish([{ type: 'everyone', tenantId: 't1', audience: { ...supervisors, userIds: ['sv', 'a2'] }, data: {} }]);
    expect(admin.got).toEqual(['about.a1', 'about.a2', 'about.g2', 'everyone']);
    expect(scoped.got).toEqual(['about.a2', 'about.g2', 'everyone']);
    expect(a2.got).toEqual(['everyone']);
    expect(a1.got).toEqual([]);
  });

  it('stops delivering to a removed socket and keeps the user\'s other sockets', () => {
    const { bus, hub, a1, a1b } = setup();
    hub.remove('s1');
    bus.publish([{ type: 'x', tenantId: 't1', audience: { userIds: ['a1'] }, data: {} }]);
    expect(a1.got).toEqual([]);
    expect(a1b.got).toEqual(['x']);
    expect(hub.count()).toBe(5);
  });
});
