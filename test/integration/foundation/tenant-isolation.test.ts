import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/people.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, type TestUser } from '../../support/fixtures.js';
import { pathOf, routeCatalogue, routeKey } from './support/route-catalogue.js';
import { tenantChecksum } from './support/tenant-checksum.js';
import { createWorld, type World } from './support/world.js';

describe('tenant isolation', () => {
  let app: TestApp;
  let a: World;
  let b: World;
  beforeAll(async () => {
    app = await createTestApp();
    a = await createWorld(app);
    b = await createWorld(app);
  });
  afterAll(async () => app.stop());

  const userOf = (w: World, role: Role): TestUser => (role === 'admin' ? w.t.admin : role === 'supervisor' ? w.t.supervisor : w.t.agent);
  const withIds = routeCatalogue.filter((r) => r.url.includes('/:'));

  it('covers every route that takes an id', () => {
    expect(withIds.length).toBeGreaterThan(20);
    expect(withIds.map(routeKey)).toContain('DELETE /api/compliance/numbers/:id');
  });

  const call = (user: TestUser, method: string, path: string, body: unknown) => as(app, user)[method.toLowerCase() as 'post'](path, body);
  const unknownIds = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, () => crypto.randomUUID());

  // Every route with an id in its path, called by tenant A on tenant B's ids with a body that would
  // be valid in B: A's admin gets 404, and every role gets exactly the answer an id that exists
  // nowhere gets (so nothing tells B's ids apart). B is unchanged.
  for (const r of withIds) {
    it(`${routeKey(r)}: another tenant's id is not found`, async () => {
      const before = await tenantChecksum(app, b.t.tenantId);
      for (const role of r.roles === 'public' ? [] : r.roles) {
        const res = await call(userOf(a, role), r.method, pathOf(r, b), r.body?.(b));
        const nowhere = await call(userOf(a, role), r.method, unknownIds(pathOf(r, b)), r.body?.(b));
        expect({ status: res.status, code: res.body.error?.code }, role).toEqual({ status: nowhere.status, code: nowhere.body.error?.code });
        if (role === 'admin') {
          expect(res.status, JSON.stringify(res.body)).toBe(404);
          expect(res.body.error.code).toBe('NOT_FOUND');
        } else {
          // Agents and supervisors may also be refused by their role first (e.g. editing another user).
          expect([404, 403], `${role}: ${JSON.stringify(res.body)}`).toContain(res.status);
        }
      }
      expect(await tenantChecksum(app, b.t.tenantId)).toBe(before);
    });
  }

  it('lists never show another tenant\'s rows', async () => {
    for (const r of routeCatalogue.filter((x) => x.method === 'GET' && !x.url.includes('/:') && x.roles !== 'public')) {
      const res = await as(app, a.t.admin).get(r.url);
      expect(res.status, routeKey(r)).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of b.ids) expect(text.includes(id), `${routeKey(r)} shows ${id}`).toBe(false);
    }
  });

  // A's own resources, with B's ids inside the body: the reference is unknown, nothing is linked.
  const crossReferences: { what: string; call: () => Promise<{ status: number; body: { error: { code: string } } }> }[] = [
    { what: 'agent group members', call: () => as(app, a.t.admin).put(`/api/agent-groups/${a.agentGroupId}/members`, { user_ids: [b.t.agent.id] }) },
    { what: 'agent group created with members', call: () => as(app, a.t.admin).post('/api/agent-groups', { name: 'Cross', member_ids: [b.t.agent.id] }) },
    { what: 'channel members', call: () => as(app, a.t.admin).put(`/api/channels/${a.channelId}/members`, { user_ids: [b.t.agent.id] }) },
    { what: 'channel member added', call: () => as(app, a.t.admin).post(`/api/channels/${a.channelId}/members`, { user_id: b.t.agent.id }) },
    { what: 'ring group on another tenant\'s channel', call: () => as(app, a.t.admin).post('/api/ring-groups', { channel_id: b.channelId, name: 'Cross', mode: 'ring_all' }) },
    { what: 'incoming target: another tenant\'s agent group', call: () => as(app, a.t.admin).patch(`/api/channels/${a.channelId}`, { incoming_target: { type: 'agent_groups', agent_group_ids: [b.agentGroupId] } }) },
    { what: 'incoming target: another tenant\'s ring group', call: () => as(app, a.t.admin).patch(`/api/channels/${a.channelId}`, { incoming_target: { type: 'ring_group', ring_group_id: b.ringGroupId } }) },
    { what: 'pause with another tenant\'s reason', call: () => as(app, a.t.agent).put('/api/me/presence', { status: 'paused', pause_reason_id: b.pauseReasonId }) },
  ];
  for (const c of crossReferences) {
    it(`${c.what}: ids of another tenant are unknown`, async () => {
      const beforeA = await tenantChecksum(app, a.t.tenantId);
      const beforeB = await tenantChecksum(app, b.t.tenantId);
      const res = await c.call();
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(await tenantChecksum(app, a.t.tenantId)).toBe(beforeA);
      expect(await tenantChecksum(app, b.t.tenantId)).toBe(beforeB);
    });
  }

  it('a ring group cannot take another tenant\'s agent (they are not members of the channel)', async () => {
    const res = await as(app, a.t.admin).put(`/api/ring-groups/${a.ringGroupId}/members`, { user_ids: [b.t.agent.id] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_A_CHANNEL_MEMBER');
  });
});
