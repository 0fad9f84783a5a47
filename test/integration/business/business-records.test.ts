import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffRecord } from '../../../src/app/business-records/record-diff.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { insertCall, insertChannel } from './support.js';

/** Business records (SPEC §7): notes, tags and a disposition per call, edit rights, full history, tenant isolation. */
describe('business records', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let channel: string;
  let otherChannel: string;
  const tag: Record<string, string> = {};
  const disp: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    t = await createTenant(app, { agents: 2 });
    other = await createTenant(app, { agents: 1 });
    channel = await insertChannel(app, t.tenantId, 'Sales', { members: [t.agents[0]!.id, t.agents[1]!.id] });
    otherChannel = await insertChannel(app, t.tenantId, 'Support');
    const admin = as(app, t.admin);
    for (const name of ['VIP', 'Complaint', 'Follow-up']) tag[name] = (await admin.post('/api/tags', { name })).body.id;
    for (const name of ['Sale', 'No interest']) disp[name] = (await admin.post(`/api/channels/${channel}/dispositions`, { name })).body.id;
    disp.elsewhere = (await admin.post(`/api/channels/${otherChannel}/dispositions`, { name: 'Resolved' })).body.id;
  });
  afterAll(async () => app.stop());

  const newCall = (agentId: string | null = t.agent.id, status: 'ended' | 'connected' = 'ended') => insertCall(app, { tenantId: t.tenantId, channelId: channel, agentId, status });
  const url = (id: string) => `/api/calls/${id}/business-record`;

  it('an untouched call has an empty record', async () => {
    const call = await newCall();
    const r = await as(app, t.agent).get(url(call));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ call_id: call, channel_id: channel, agent_id: t.agent.id, notes: '', tags: [], disposition: null, version: 0, disposition_mandatory: false, disposition_pending: false });
  });

  it('the agent on the call edits notes, tags and disposition during the call; each save is one history entry naming what changed', async () => {
    const call = await newCall(t.agent.id, 'connected');
    const me = as(app, t.agent);
    const first = await me.put(url(call), { notes: 'Wants the premium plan', tag_ids: [tag.VIP, tag['Follow-up']] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ notes: 'Wants the premium plan', version: 1, updated_by: { id: t.agent.id } });
    expect(first.body.tags.map((x: { name: string }) => x.name)).toEqual(['Follow-up', 'VIP']);
    app.clock.advance(5_000);
    const second = await me.put(url(call), { tag_ids: [tag.VIP, tag.Complaint], disposition_id: disp.Sale });
    expect(second.body).toMatchObject({ notes: 'Wants the premium plan', version: 2, disposition: { id: disp.Sale, name: 'Sale' } });
    // A save that changes nothing writes nothing.
    const same = await me.put(url(call), { notes: 'Wants the premium plan' });
    expect(same.body.version).toBe(2);

    const history = await me.get(`${url(call)}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(2);
    const [h1, h2] = history.body.items;
    expect(h1).toMatchObject({ user_id: t.agent.id, user_name: 'agent 1', changes: { notes: { from: '', to: 'Wants the premium plan' } } });
    expect(h1.changes.tags.added.map((x: { name: string }) => x.name).sort()).toEqual(['Follow-up', 'VIP']);
    expect(h1.changes.disposition).toBeUndefined();
    expect(h2.changes).toEqual({
      tags: { added: [{ id: tag.Complaint, name: 'Complaint' }], removed: [{ id: tag['Follow-up'], name: 'Follow-up' }] },
      disposition: { from: null, to: { id: disp.Sale, name: 'Sale' } },
    });
    expect(new Date(h2.at).getTime() - new Date(h1.at).getTime()).toBe(5_000);
  });

  it('history keeps the names a change was made with after a tag or disposition is renamed', async () => {
    const call = await newCall();
    const t1 = (await as(app, t.admin).post('/api/tags', { name: 'Old name' })).body.id;
    await as(app, t.agent).put(url(call), { tag_ids: [t1] });
    await as(app, t.admin).patch(`/api/tags/${t1}`, { name: 'New name' });
    expect((await as(app, t.agent).get(url(call))).body.tags).toEqual([{ id: t1, name: 'New name' }]);
    const h = (await as(app, t.agent).get(`${url(call)}/history`)).body.items;
    expect(h[0].changes.tags.added).toEqual([{ id: t1, name: 'Old name' }]);
  });

  it('after the call: supervisors and admins edit any record; agents only their own calls (403), and see others\' on their channels', async () => {
    const call = await newCall(t.agents[0]!.id);
    expect((await as(app, t.supervisor).put(url(call), { notes: 'checked by supervisor' })).status).toBe(200);
    expect((await as(app, t.admin).put(url(call), { disposition_id: disp['No interest'] })).status).toBe(200);
    const colleague = as(app, t.agents[1]!);
    expect((await colleague.get(url(call))).status).toBe(200);
    const denied = await colleague.put(url(call), { notes: 'not mine' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const h = (await as(app, t.agent).get(`${url(call)}/history`)).body.items;
    expect(h.map((x: { user_id: string }) => x.user_id)).toEqual([t.supervisor.id, t.admin.id]);
    expect((await as(app, t.agent).get(url(call))).body.notes).toBe('checked by supervisor');
  });

  it('an agent who answered and then transferred the call still edits its record; a call of a channel they are not on is 404', async () => {
    const call = await newCall(t.agents[1]!.id);
    await app.database.db.insertInto('call_offers').values({
      id: app.ids.next(), tenant_id: t.tenantId, call_id: call, agent_id: t.agents[0]!.id, status: 'transferred', offered_at: app.clock.now(), deadline_at: app.clock.now(),
    }).execute();
    expect((await as(app, t.agents[0]!).put(url(call), { notes: 'handed over to billing' })).status).toBe(200);
    const hidden = await insertCall(app, { tenantId: t.tenantId, channelId: otherChannel, agentId: t.agents[1]!.id });
    expect((await as(app, t.agents[0]!).get(url(hidden))).status).toBe(404);
    expect((await as(app, t.agents[0]!).get(`${url(hidden)}/history`)).status).toBe(404);
  });

  it('tags come from the tenant\'s list and the disposition from the call\'s channel', async () => {
    const call = await newCall();
    const foreignTag = (await as(app, other.admin).post('/api/tags', { name: 'VIP' })).body.id;
    const badTag = await as(app, t.agent).put(url(call), { tag_ids: [tag.VIP, foreignTag] });
    expect(badTag.status).toBe(404);
    expect(badTag.body.error.details).toMatchObject({ field: 'body.tag_ids', tag_ids: [foreignTag] });
    const badDisp = await as(app, t.agent).put(url(call), { disposition_id: disp.elsewhere });
    expect(badDisp.status).toBe(404);
    expect(badDisp.body.error.details).toMatchObject({ field: 'body.disposition_id' });
    expect((await as(app, t.agent).put(url(call), { tag_ids: [tag.VIP, tag.VIP] })).status).toBe(400);
    expect((await as(app, t.agent).put(url(call), { notes: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await as(app, t.agent).put(url(call), { rating: 5 })).status).toBe(400);
    // Nothing was saved by the refused edits.
    expect((await as(app, t.agent).get(url(call))).body.version).toBe(0);
  });

  it('a stale edit (expected_version behind) is refused with 409 and changes nothing', async () => {
    const call = await newCall();
    const v1 = (await as(app, t.agent).put(url(call), { notes: 'first', expected_version: 0 })).body;
    expect(v1.version).toBe(1);
    await as(app, t.supervisor).put(url(call), { notes: 'supervisor edit', expected_version: 1 });
    const stale = await as(app, t.agent).put(url(call), { notes: 'agent overwrites', expected_version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { version: 2 } });
    expect((await as(app, t.agent).get(url(call))).body.notes).toBe('supervisor edit');
  });

  it('tenant isolation: another tenant\'s users get 404 for the record and its history, and cannot write it', async () => {
    const call = await newCall();
    await as(app, t.agent).put(url(call), { notes: 'private' });
    for (const u of [other.admin, other.supervisor, other.agent]) {
      expect((await as(app, u).get(url(call))).status).toBe(404);
      expect((await as(app, u).get(`${url(call)}/history`)).status).toBe(404);
      expect((await as(app, u).put(url(call), { notes: 'intruder' })).status).toBe(404);
    }
    expect((await as(app, t.agent).get(url(call))).body.notes).toBe('private');
  });

  it('the history table is append-only', async () => {
    const call = await newCall();
    await as(app, t.agent).put(url(call), { notes: 'kept' });
    await expect(app.database.db.updateTable('business_record_history').set({ user_name: 'forged' }).where('call_id', '=', call).execute()).rejects.toThrow(/append-only/);
  });

  it('history pages with a cursor', async () => {
    const call = await newCall();
    for (let i = 1; i <= 3; i++) await as(app, t.agent).put(url(call), { notes: `v${i}` });
    const p1 = (await as(app, t.agent).get(`${url(call)}/history?limit=2`)).body;
    expect(p1.items.map((h: { changes: { notes: { to: string } } }) => h.changes.notes.to)).toEqual(['v1', 'v2']);
    const p2 = (await as(app, t.agent).get(`${url(call)}/history?limit=2&cursor=${p1.next_cursor}`)).body;
    expect(p2.items.map((h: { changes: { notes: { to: string } } }) => h.changes.notes.to)).toEqual(['v3']);
    expect(p2.next_cursor).toBeNull();
  });

  it('a tag or disposition in use cannot be deleted (409 IN_USE); unused ones can', async () => {
    const call = await newCall();
    await as(app, t.agent).put(url(call), { tag_ids: [tag.Complaint], disposition_id: disp.Sale });
    const tagGone = await as(app, t.admin).delete(`/api/tags/${tag.Complaint}`);
    expect(tagGone.status).toBe(409);
    expect(tagGone.body.error.code).toBe('IN_USE');
    expect((await as(app, t.admin).delete(`/api/channels/${channel}/dispositions/${disp.Sale}`)).body.error.code).toBe('IN_USE');
    const spare = (await as(app, t.admin).post('/api/tags', { name: 'Spare' })).body.id;
    expect((await as(app, t.admin).delete(`/api/tags/${spare}`)).status).toBe(204);
  });

  it('diffRecord reports only what changed', () => {
    const a = { id: 'a', name: 'A' };
    const b = { id: 'b', name: 'B' };
    expect(diffRecord({ notes: 'x', tags: [a], disposition: null }, { notes: 'x', tags: [a], disposition: null })).toBeNull();
    expect(diffRecord({ notes: 'x', tags: [a], disposition: a }, { notes: 'x', tags: [b], disposition: null })).toEqual({
      tags: { added: [b], removed: [a] }, disposition: { from: a, to: null },
    });
  });
});
