import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Desk } from '../../support/desk.js';
import { as } from '../../support/fixtures.js';
import { createWorld, type World } from '../../support/world.js';

/**
 * A channel's Meta-side calling settings both ways: Meta's `account_settings_update` webhooks
 * update the channel; an admin's change is sent to Meta (`POST /{phone-number-id}/settings`) and
 * refused with the mapped provider error when Meta refuses.
 */
describe('channel calling settings synced with Meta', () => {
  let w: World;
  let adminDesk: Desk;
  let agentDesk: Desk;
  const token = () => `token-${w.channel.phoneNumberId.slice(1, 9)}`;
  beforeAll(async () => {
    w = await createWorld({ agents: 1, ringGroup: null });
    adminDesk = await w.desk(w.tenant.admin);
    agentDesk = await w.desk(w.tenant.agents[0]!);
  });
  afterAll(async () => w?.stop());

  const admin = () => as(w.app, w.tenant.admin);
  const channel = async () => (await admin().get(`/api/channels/${w.channel.id}`)).body;
  const metaSettings = async () => (await w.emu.control.getPhoneNumber(w.channel.phoneNumberId)).calling as Record<string, unknown>;
  /** Changes the number's settings at Meta directly (as in Meta's dashboard): Meta then sends the webhook. */
  const changeAtMeta = async (calling: Record<string, unknown>) => {
    const res = await fetch(`${w.emu.graphBaseUrl}/${w.channel.phoneNumberId}/settings`, {
      method: 'POST', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: JSON.stringify({ calling }),
    });
    expect(res.status).toBe(200);
  };
  const settled = async () => {
    await w.emu.flush();
    await w.app.services.providerEvents.idle();
  };

  it('Meta\'s account_settings_update sets call icons, callback permission and Meta\'s calling status on the channel', async () => {
    expect(await channel()).toMatchObject({ call_icon_visibility: 'DEFAULT', callback_permission_enabled: false });
    await changeAtMeta({ status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED', srtp_key_exchange_protocol: 'DTLS' });
    await eventually(async () => (await channel()).call_icon_visibility === 'DISABLE_ALL', 'settings webhook applied');
    const ch = await channel();
    expect(ch).toMatchObject({ call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true });
    expect(ch.health.meta_calling).toMatchObject({ status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED', srtp_key_exchange_protocol: 'DTLS' });
    await adminDesk.next('channel.health_changed', (m) => m.channel_id === w.channel.id);

    // Meta switches calling off: the channel's health says so.
    await changeAtMeta({ status: 'DISABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED' });
    await eventually(async () => (await channel()).health.meta_calling?.status === 'DISABLED', 'calling status applied');
    await adminDesk.next('channel.health_changed', (m) => (m.health as { meta_calling?: { status?: string } }).meta_calling?.status === 'DISABLED');
    await changeAtMeta({ status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' });
    await eventually(async () => (await channel()).callback_permission_enabled === false, 'settings restored');
  });

  it('an admin\'s change of call icons, callback permission and calling hours is sent to Meta, which keeps it', async () => {
    const hours = {
      status: 'ENABLED', timezone_id: 'Asia/Jakarta',
      weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0800', close_time: '1700' }, { day_of_week: 'SATURDAY', open_time: '0900', close_time: '1200' }],
      holiday_schedule: [{ date: '2026-08-17', start_time: '0000', end_time: '2359' }],
    };
    const res = await admin().patch(`/api/channels/${w.channel.id}`, { call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: hours, transfer_enabled: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: hours, transfer_enabled: false });
    // Meta has the new values, and what we do not manage (calling status) is untouched.
    expect(await metaSettings()).toEqual({ status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED', call_hours: hours });
    // Meta's webhook about our own change comes back and changes nothing.
    await settled();
    expect(await channel()).toMatchObject({ call_icon_visibility: 'DISABLE_ALL', callback_permission_enabled: true, call_hours: hours });

    // Clearing the calling hours switches them off at Meta.
    expect((await admin().patch(`/api/channels/${w.channel.id}`, { call_hours: null })).body.call_hours).toBeNull();
    expect((await metaSettings()).call_hours).toEqual({ ...hours, status: 'DISABLED' });
    await settled();
  });

  it('a new channel\'s non-default Meta-side settings are sent to Meta; a number Meta does not know is refused and not created', async () => {
    const pnid = `${w.channel.phoneNumberId.slice(0, -1)}5`;
    await w.emu.control.putPhoneNumber(pnid, {
      display_phone_number: '+62 21 5000 0555', waba_id: w.channel.wabaId, access_token: 'token-new', app_secret: 'secret-new', webhook_url: `${w.url}/webhooks/whatsapp`,
    });
    const body = { name: 'New number', display_number: '+62 21 5000 0555', phone_number_id: pnid, waba_id: w.channel.wabaId, access_token: 'token-new', app_secret: 'secret-new', callback_permission_enabled: true };
    const created = await admin().post('/api/channels', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await w.emu.control.getPhoneNumber(pnid)).calling).toMatchObject({ status: 'ENABLED', callback_permission_status: 'ENABLED' });

    const refused = await admin().post('/api/channels', { ...body, phone_number_id: '109999999999998', call_icon_visibility: 'DISABLE_ALL' });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'PROVIDER_ERROR', details: { provider_code: 100 } });
    expect(await w.app.database.db.selectFrom('channels').select('id').where('phone_number_id', '=', '109999999999998').execute()).toEqual([]);
  });

  it('a change that is not Meta-side, or sets the same values again, does not call Meta', async () => {
    const before = (await w.emu.control.webhookLog({ phone_number_id: w.channel.phoneNumberId })).filter((a) => a.field === 'account_settings_update').length;
    const ch = await channel();
    expect((await admin().patch(`/api/channels/${w.channel.id}`, { recording_enabled: true, call_icon_visibility: ch.call_icon_visibility })).status).toBe(200);
    await settled();
    const after = (await w.emu.control.webhookLog({ phone_number_id: w.channel.phoneNumberId })).filter((a) => a.field === 'account_settings_update').length;
    expect(after).toBe(before);
  });

  it('when Meta refuses, the change fails with the mapped provider error and nothing is saved', async () => {
    const before = await channel();
    // Meta no longer accepts the channel's token → Graph 190.
    const number = await w.emu.control.getPhoneNumber(w.channel.phoneNumberId);
    await w.emu.control.putPhoneNumber(w.channel.phoneNumberId, {
      display_phone_number: w.channel.displayNumber, waba_id: w.channel.wabaId, access_token: 'rotated-at-meta', app_secret: w.channel.appSecret,
      webhook_url: `${w.url}/webhooks/whatsapp`, calling: number.calling as never,
    });
    try {
      const res = await admin().patch(`/api/channels/${w.channel.id}`, { call_icon_visibility: before.call_icon_visibility === 'DEFAULT' ? 'DISABLE_ALL' : 'DEFAULT', name: 'Renamed' });
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', details: { provider: 'meta', provider_code: 190, http_status: 401, provider_message: expect.stringContaining('Invalid OAuth access token') } });
      expect(await channel()).toMatchObject({ call_icon_visibility: before.call_icon_visibility, name: before.name });
    } finally {
      await w.emu.control.putPhoneNumber(w.channel.phoneNumberId, {
        display_phone_number: w.channel.displayNumber, waba_id: w.channel.wabaId, access_token: token(), app_secret: w.channel.appSecret,
        webhook_url: `${w.url}/webhooks/whatsapp`, calling: number.calling as never,
      });
    }
    // An unknown number at Meta → Graph 100 → PROVIDER_ERROR with Meta's message.
    const res = await admin().patch(`/api/channels/${w.channel.id}`, { phone_number_id: '109999999999999', callback_permission_enabled: !before.callback_permission_enabled });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'PROVIDER_ERROR', details: { provider_code: 100, provider_subcode: 33 } });
    expect(await channel()).toMatchObject({ phone_number_id: w.channel.phoneNumberId, callback_permission_enabled: before.callback_permission_enabled });
    expect(agentDesk.of('channel.health_changed')).toEqual([]);
  });
});
