import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../../emulator/server.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { expectError, issuePaths } from './support/expect-error.js';
import { channelBody } from './support/world.js';

const hours = (weekly: { day_of_week: string; open_time: string; close_time: string }[], holidays?: { date: string; start_time: string; end_time: string }[]) => ({
  status: 'ENABLED', timezone_id: 'Asia/Jakarta', weekly_operating_hours: weekly, ...(holidays ? { holiday_schedule: holidays } : {}),
});

describe('channels', () => {
  let app: TestApp;
  let t: TestTenant;
  // Meta-side calling settings are synced to WhatsApp: the emulator plays Meta here.
  let emu: Emulator;
  beforeAll(async () => {
    emu = await createEmulator({ port: 0 });
    app = await createTestApp({ env: { PUBLIC_URL: 'https://desk.example.com', META_GRAPH_URL: emu.url } });
    t = await createTenant(app, { agents: 2 });
  });
  afterAll(async () => {
    await app.stop();
    await emu.close();
  });

  const admin = () => as(app, t.admin);
  const newChannel = async (overrides: Record<string, unknown> = {}) => {
    const body = channelBody(overrides);
    await emu.control.putPhoneNumber(String(body.phone_number_id), {
      display_phone_number: '+62 21 5000 0001', waba_id: String(body.waba_id), access_token: String(body.access_token), app_secret: String(body.app_secret),
    });
    const res = await admin().post('/api/channels', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; [k: string]: unknown };
  };

  it('stores the display number in E.164 with its country and answers the webhook URL to configure at Meta', async () => {
    const ch = await newChannel({ display_number: '+65 6123 4567' });
    expect(ch).toMatchObject({ type: 'whatsapp', display_number: '+6561234567', country: 'SG', webhook_url: 'https://desk.example.com/webhooks/whatsapp' });
    // Defaults of the calling settings.
    expect(ch).toMatchObject({
      voice_calling_enabled: false, inbound_enabled: true, outbound_enabled: true, transfer_enabled: true, recording_enabled: false,
      disposition_mandatory: false, call_icon_visibility: 'DEFAULT', callback_permission_enabled: false, call_hours: null, incoming_target: null, prompts: {},
    });
  });

  it('never returns the access token or app secret, to anyone, but keeps them', async () => {
    const body = channelBody({ access_token: 'EAAG-very-secret-token-123', app_secret: 'shh-app-secret-456', verify_token: 'verify-789' });
    const created = await admin().post('/api/channels', body);
    const id = created.body.id as string;
    await admin().put(`/api/channels/${id}/members`, { user_ids: [t.agent.id] });
    const answers = [
      created,
      await admin().get(`/api/channels/${id}`),
      await admin().get('/api/channels'),
      await as(app, t.supervisor).get(`/api/channels/${id}`),
      await as(app, t.agent).get('/api/channels'),
      await admin().patch(`/api/channels/${id}`, { access_token: 'EAAG-rotated-token-999' }),
    ];
    for (const a of answers) {
      const text = JSON.stringify(a.body);
      expect(a.status).toBeLessThan(300);
      for (const secret of ['EAAG-very-secret-token-123', 'shh-app-secret-456', 'EAAG-rotated-token-999']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"access_token"|"app_secret"/);
    }
    expect(created.body).toMatchObject({ has_access_token: true, has_app_secret: true, verify_token: 'verify-789' });
    // The verify token is for admins setting up the webhook only.
    expect((await as(app, t.supervisor).get(`/api/channels/${id}`)).body).not.toHaveProperty('verify_token');
    expect((await as(app, t.agent).get(`/api/channels/${id}`)).body).not.toHaveProperty('verify_token');
    const row = await app.database.db.selectFrom('channels').select(['access_token', 'app_secret']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ access_token: 'EAAG-rotated-token-999', app_secret: 'shh-app-secret-456' });
  });

  it('generates a verify token when none is given', async () => {
    const { verify_token: _, ...body } = channelBody();
    const res = await admin().post('/api/channels', body);
    expect(res.body.verify_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses an invalid display number', async () => {
    const res = await admin().post('/api/channels', channelBody({ display_number: '+62 12' }));
    expectError(res, 400, 'INVALID_PHONE_NUMBER');
    expect(issuePaths(res)).toEqual(['body.display_number']);
  });

  it('a phone_number_id belongs to one channel across all tenants', async () => {
    const ch = await newChannel();
    const other = await createTenant(app, { agents: 0 });
    const dup = await as(app, other.admin).post('/api/channels', channelBody({ phone_number_id: ch.phone_number_id }));
    expectError(dup, 409, 'PHONE_NUMBER_ID_TAKEN');
    const mine = await newChannel();
    expectError(await admin().patch(`/api/channels/${mine.id}`, { phone_number_id: ch.phone_number_id }), 409, 'PHONE_NUMBER_ID_TAKEN');
    // Setting a channel's own id again is not a conflict.
    expect((await admin().patch(`/api/channels/${ch.id}`, { phone_number_id: ch.phone_number_id })).status).toBe(200);
  });

  it('voice calling can be switched on only once the tenant has rates and a voice balance', async () => {
    const tenant = await createTenant(app, { agents: 0 });
    const api = as(app, tenant.admin);
    const ch = (await api.post('/api/channels', channelBody())).body;
    const first = expectError(await api.patch(`/api/channels/${ch.id}`, { voice_calling_enabled: true }), 409, 'CALLING_PREREQUISITES_MISSING');
    expect(first.details).toEqual({ missing: ['voice_rates', 'voice_balance'] });
    expectError(await api.post('/api/channels', channelBody({ voice_calling_enabled: true })), 409, 'CALLING_PREREQUISITES_MISSING');

    expect((await api.put('/api/billing/rates', { rates: [{ country: 'ID', rate_per_minute_minor: 1200 }] })).status).toBe(200);
    const second = expectError(await api.patch(`/api/channels/${ch.id}`, { voice_calling_enabled: true }), 409, 'CALLING_PREREQUISITES_MISSING');
    expect(second.details).toEqual({ missing: ['voice_balance'] });
    expect((await api.get(`/api/channels/${ch.id}`)).body.voice_calling_enabled).toBe(false);

    expect((await api.post('/api/billing/top-ups', { amount_minor: 100_000 })).status).toBe(201);
    const on = await api.patch(`/api/channels/${ch.id}`, { voice_calling_enabled: true });
    expect(on.status).toBe(200);
    expect(on.body.voice_calling_enabled).toBe(true);
    // Switching off needs nothing.
    expect((await api.patch(`/api/channels/${ch.id}`, { voice_calling_enabled: false })).body.voice_calling_enabled).toBe(false);
  });

  it('admins change the calling settings', async () => {
    const ch = await newChannel();
    const res = await admin().patch(`/api/channels/${ch.id}`, {
      inbound_enabled: false, outbound_enabled: false, transfer_enabled: false, recording_enabled: true, disposition_mandatory: true,
      call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, recontact_template: 'missed_call_followup',
    });
    expect(res.body).toMatchObject({
      inbound_enabled: false, outbound_enabled: false, transfer_enabled: false, recording_enabled: true, disposition_mandatory: true,
      call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, recontact_template: 'missed_call_followup',
    });
    expectError(await as(app, t.supervisor).patch(`/api/channels/${ch.id}`, { recording_enabled: false }), 403, 'FORBIDDEN');
    expectError(await admin().patch(`/api/channels/${ch.id}`, { call_icon_visibility: 'SOMETIMES' }), 400, 'VALIDATION_FAILED');
  });

  describe('call_hours (Meta\'s shape)', () => {
    let id: string;
    beforeAll(async () => {
      id = (await newChannel()).id;
    });

    it('accepts weekly hours (two per day) and holidays, and returns them', async () => {
      const callHours = hours(
        [
          { day_of_week: 'MONDAY', open_time: '0800', close_time: '1200' },
          { day_of_week: 'MONDAY', open_time: '1300', close_time: '1700' },
          { day_of_week: 'FRIDAY', open_time: '0900', close_time: '1500' },
        ],
        [{ date: '2026-08-17', start_time: '0000', end_time: '2359' }],
      );
      const res = await admin().patch(`/api/channels/${id}`, { call_hours: callHours });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.call_hours).toEqual(callHours);
      expect((await admin().patch(`/api/channels/${id}`, { call_hours: null })).body.call_hours).toBeNull();
    });

    const refused: [string, unknown, string][] = [
      ['a third entry for one day', hours([
        { day_of_week: 'MONDAY', open_time: '0700', close_time: '0800' },
        { day_of_week: 'MONDAY', open_time: '0900', close_time: '1000' },
        { day_of_week: 'MONDAY', open_time: '1100', close_time: '1200' },
      ]), 'body.call_hours.weekly_operating_hours.2'],
      ['overlapping entries', hours([
        { day_of_week: 'TUESDAY', open_time: '0800', close_time: '1200' },
        { day_of_week: 'TUESDAY', open_time: '1100', close_time: '1500' },
      ]), 'body.call_hours.weekly_operating_hours.1'],
      ['closing before opening', hours([{ day_of_week: 'TUESDAY', open_time: '1800', close_time: '0900' }]), 'body.call_hours.weekly_operating_hours.0.close_time'],
      ['a time that is not HHMM', hours([{ day_of_week: 'TUESDAY', open_time: '2460', close_time: '2500' }]), 'body.call_hours.weekly_operating_hours.0.open_time'],
      ['an unknown day', hours([{ day_of_week: 'FUNDAY', open_time: '0800', close_time: '0900' }]), 'body.call_hours.weekly_operating_hours.0.day_of_week'],
      ['21 holidays', hours([{ day_of_week: 'MONDAY', open_time: '0800', close_time: '0900' }],
        Array.from({ length: 21 }, (_, i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}`, start_time: '0000', end_time: '2359' }))), 'body.call_hours.holiday_schedule'],
      ['an impossible holiday date', hours([{ day_of_week: 'MONDAY', open_time: '0800', close_time: '0900' }], [{ date: '2026-02-30', start_time: '0000', end_time: '2359' }]), 'body.call_hours.holiday_schedule.0.date'],
      ['an unknown time zone', { ...hours([{ day_of_week: 'MONDAY', open_time: '0800', close_time: '0900' }]), timezone_id: 'Mars/Olympus' }, 'body.call_hours.timezone_id'],
      ['an unknown field', { ...hours([{ day_of_week: 'MONDAY', open_time: '0800', close_time: '0900' }]), sip: {} }, 'body.call_hours.sip'],
    ];
    for (const [what, callHours, path] of refused) {
      it(`refuses ${what}`, async () => {
        const res = await admin().patch(`/api/channels/${id}`, { call_hours: callHours });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(issuePaths(res)).toContain(path);
      });
    }
  });

  describe('incoming_target', () => {
    it('routes to agent groups, a ring group of this channel, a flow or an AI agent URL', async () => {
      const ch = await newChannel();
      const g = (await admin().post('/api/agent-groups', { name: `Target ${ch.id.slice(-4)}` })).body;
      await admin().put(`/api/channels/${ch.id}/members`, { user_ids: [t.agent.id] });
      const rg = (await admin().post('/api/ring-groups', { channel_id: ch.id, name: 'RG', mode: 'ring_all' })).body;
      for (const target of [
        { type: 'agent_groups', agent_group_ids: [g.id] },
        { type: 'ring_group', ring_group_id: rg.id },
        { type: 'flow', flow_id: crypto.randomUUID() },
        { type: 'ai_agent', url: 'https://bot.example.com/calls' },
      ]) {
        const res = await admin().patch(`/api/channels/${ch.id}`, { incoming_target: target });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.incoming_target).toEqual(target);
      }
      // A ring group of another channel is not this channel's.
      const other = await newChannel();
      expectError(await admin().patch(`/api/channels/${other.id}`, { incoming_target: { type: 'ring_group', ring_group_id: rg.id } }), 404, 'NOT_FOUND');
      // A ring group the channel routes to cannot be deleted.
      await admin().patch(`/api/channels/${ch.id}`, { incoming_target: { type: 'ring_group', ring_group_id: rg.id } });
      expectError(await admin().delete(`/api/ring-groups/${rg.id}`), 409, 'IN_USE');
    });

    it('refuses ids that do not exist and malformed targets', async () => {
      const ch = await newChannel();
      const missing = crypto.randomUUID();
      const res = await admin().patch(`/api/channels/${ch.id}`, { incoming_target: { type: 'agent_groups', agent_group_ids: [missing] } });
      expect(expectError(res, 404, 'NOT_FOUND').details).toMatchObject({ agent_group_ids: [missing] });
      expectError(await admin().patch(`/api/channels/${ch.id}`, { incoming_target: { type: 'ai_agent', url: 'ftp://bot.example.com' } }), 400, 'VALIDATION_FAILED');
      expectError(await admin().patch(`/api/channels/${ch.id}`, { incoming_target: { type: 'queue', id: missing } }), 400, 'VALIDATION_FAILED');
      expectError(await admin().patch(`/api/channels/${ch.id}`, { incoming_target: { type: 'agent_groups', agent_group_ids: [] } }), 400, 'VALIDATION_FAILED');
      expect((await admin().get(`/api/channels/${ch.id}`)).body.incoming_target).toBeNull();
    });
  });

  it('prompts are merged by role and cleared with null', async () => {
    const ch = await newChannel();
    const upload = async (name: string) => {
      const res = await app.http.inject({
        method: 'POST', url: `/api/prompts?name=${name}`, payload: fs.readFileSync('assets/prompts/queue-waiting.opus'),
        headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'audio/ogg' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const p1 = await upload('entry');
    const p2 = await upload('voicemail');
    // A prompt id that is not one of the tenant's uploads is refused.
    expect((await admin().patch(`/api/channels/${ch.id}`, { prompts: { queue_entry: crypto.randomUUID() } })).status).toBe(404);
    expect((await admin().patch(`/api/channels/${ch.id}`, { prompts: { queue_entry: p1 } })).body.prompts).toEqual({ queue_entry: p1 });
    expect((await admin().patch(`/api/channels/${ch.id}`, { prompts: { voicemail: p2 } })).body.prompts).toEqual({ queue_entry: p1, voicemail: p2 });
    expect((await admin().patch(`/api/channels/${ch.id}`, { prompts: { queue_entry: null } })).body.prompts).toEqual({ voicemail: p2 });
    expectError(await admin().patch(`/api/channels/${ch.id}`, { prompts: { ringtone: p1 } }), 400, 'VALIDATION_FAILED');
  });

  describe('membership', () => {
    it('agents see only the channels they are members of', async () => {
      const mine = await newChannel();
      const notMine = await newChannel();
      await admin().put(`/api/channels/${mine.id}/members`, { user_ids: [t.agents[1]!.id] });
      const agent = as(app, t.agents[1]!);
      const list = (await agent.get('/api/channels?limit=500')).body.items.map((c: { id: string }) => c.id);
      expect(list).toContain(mine.id);
      expect(list).not.toContain(notMine.id);
      expect((await agent.get(`/api/channels/${mine.id}`)).status).toBe(200);
      expectError(await agent.get(`/api/channels/${notMine.id}`), 404, 'NOT_FOUND');
      // Supervisors and admins see every channel.
      const staffList = (await as(app, t.supervisor).get('/api/channels?limit=500')).body.items.map((c: { id: string }) => c.id);
      expect(staffList).toEqual(expect.arrayContaining([mine.id, notMine.id]));
    });

    it('set, add and remove members; leaving a channel also leaves its ring groups', async () => {
      const ch = await newChannel();
      const [a1, a2] = t.agents.map((a) => a.id) as [string, string];
      const set = await admin().put(`/api/channels/${ch.id}/members`, { user_ids: [a1, a2] });
      expect(set.body.items.map((m: { user_id: string }) => m.user_id).sort()).toEqual([a1, a2].sort());
      const rg = (await admin().post('/api/ring-groups', { channel_id: ch.id, name: 'RR', mode: 'round_robin', member_ids: [a1, a2] })).body;
      expect(rg.members).toHaveLength(2);

      await admin().put(`/api/channels/${ch.id}/members`, { user_ids: [a2] });
      expect((await admin().get(`/api/ring-groups/${rg.id}`)).body.members.map((m: { user_id: string }) => m.user_id)).toEqual([a2]);

      expect((await admin().post(`/api/channels/${ch.id}/members`, { user_id: a1 })).body.items).toHaveLength(2);
      // Adding twice is harmless.
      expect((await admin().post(`/api/channels/${ch.id}/members`, { user_id: a1 })).body.items).toHaveLength(2);
      expect((await admin().delete(`/api/channels/${ch.id}/members/${a2}`)).status).toBe(204);
      expect((await admin().get(`/api/ring-groups/${rg.id}`)).body.members).toEqual([]);
      expect((await as(app, t.supervisor).get(`/api/channels/${ch.id}/members`)).body.items.map((m: { user_id: string }) => m.user_id)).toEqual([a1]);
      expectError(await admin().delete(`/api/channels/${ch.id}/members/${a2}`), 404, 'NOT_FOUND');
      expect((await admin().get(`/api/channels/${ch.id}`)).body.member_ids).toEqual([a1]);
    });
  });

  it('deleting a channel takes its ring groups and memberships with it', async () => {
    const ch = await newChannel();
    await admin().put(`/api/channels/${ch.id}/members`, { user_ids: [t.agent.id] });
    const rg = (await admin().post('/api/ring-groups', { channel_id: ch.id, name: 'Gone', mode: 'ring_all', member_ids: [t.agent.id] })).body;
    expect((await admin().delete(`/api/channels/${ch.id}`)).status).toBe(204);
    expectError(await admin().get(`/api/channels/${ch.id}`), 404, 'NOT_FOUND');
    expectError(await admin().get(`/api/ring-groups/${rg.id}`), 404, 'NOT_FOUND');
    expect(await app.database.db.selectFrom('channel_members').select('user_id').where('channel_id', '=', ch.id).execute()).toEqual([]);
  });
});
