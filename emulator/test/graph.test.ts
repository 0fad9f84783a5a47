import { afterEach, describe, expect, it } from 'vitest';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { field, value } from './support/receiver.js';

let h: Harness | undefined;
let biz: BusinessPeer | undefined;
afterEach(async () => {
  await biz?.close();
  await h?.close();
  h = undefined;
  biz = undefined;
});

type GraphErr = { error: { message: string; type: string; code: number; error_subcode?: number; error_data?: { details: string }; fbtrace_id: string } };
const err = (body: Record<string, unknown>) => (body as unknown as GraphErr).error;

async function offer(): Promise<string> {
  biz = createBusinessPeer();
  return biz.offer();
}

describe('Graph validation', () => {
  it('answers Graph error envelopes for auth problems and unknown numbers', async () => {
    h = await startHarness();
    const noToken = await h.graph('POST', `${h.pnid}/messages`, { messaging_product: 'whatsapp', to: USER, type: 'text', text: { body: 'hi' } }, null);
    expect(noToken.status).toBe(401);
    expect(err(noToken.body)).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(err(noToken.body).fbtrace_id).toMatch(/\S+/);
    const wrong = await h.graph('GET', `${h.pnid}/settings`, undefined, 'someone-elses-token');
    expect(wrong.status).toBe(401);
    expect(err(wrong.body).code).toBe(190);
    const unknown = await h.graph('GET', '999999999/settings');
    expect(unknown.status).toBe(400);
    expect(err(unknown.body)).toMatchObject({ code: 100, error_subcode: 33 });
    const form = await fetch(`${h.emu.url}/v23.0/${h.pnid}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-access-token', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ messaging_product: 'whatsapp', to: USER, type: 'template', template: JSON.stringify({ name: 'hello_world', language: { code: 'en_US' } }) }),
    });
    expect(form.status).toBe(200);
    const anyVersion = await fetch(`${h.emu.url}/v17.0/${h.pnid}/settings`, { headers: { authorization: 'Bearer demo-access-token' } });
    expect(anyVersion.status).toBe(200);
  });

  it('validates call bodies like Meta (code 100 with error_data.details)', async () => {
    h = await startHarness();
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    const sdp = await offer();
    const cases: [unknown, RegExp][] = [
      ['{not json', /./],
      [{ messaging_product: 'sms', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp } }, /messaging_product/],
      [{ messaging_product: 'whatsapp', to: USER, action: 'dial', session: { sdp_type: 'offer', sdp } }, /action/],
      [{ messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'answer', sdp } }, /sdp_type/],
      [{ messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp: sdp.replace(/a=fingerprint:.*\r?\n/, '') } }, /fingerprint/i],
      [{ messaging_product: 'whatsapp', action: 'pre_accept', call_id: 'wacid.nope', session: { sdp_type: 'offer', sdp } }, /sdp_type/],
      [{ messaging_product: 'whatsapp', action: 'accept', call_id: 'wacid.nope', session: { sdp_type: 'answer', sdp } }, /call_id/],
    ];
    for (const [body, details] of cases) {
      const res = await h.graph('POST', `${h.pnid}/calls`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(err(res.body).code).toBe(100);
      expect(err(res.body).error_data?.details ?? err(res.body).message).toMatch(details);
    }
  });

  it('refuses calls when calling is disabled (138000) and a second call for the same pair (138003)', async () => {
    h = await startHarness();
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    const sdp = await offer();
    const connect = () => h!.graph('POST', `${h!.pnid}/calls`, { messaging_product: 'whatsapp', to: USER, action: 'connect', session: { sdp_type: 'offer', sdp } });
    expect((await connect()).status).toBe(200);
    const dup = await connect();
    expect(dup.status).toBe(400);
    expect(err(dup.body).code).toBe(138003);
    const userCall = await h.emu.control.placeCall({ from: '6289999999999', to: h.pnid }).then(() => 'placed');
    expect(userCall).toBe('placed');
    await expect(h.emu.control.placeCall({ from: USER, to: h.pnid })).rejects.toMatchObject({ code: 'duplicate_call' });

    expect((await h.graph('POST', `${h.pnid}/settings`, { calling: { status: 'DISABLED' } })).body).toEqual({ success: true });
    const disabled = await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', to: '6281111111111', action: 'connect', session: { sdp_type: 'offer', sdp } });
    expect(disabled.status).toBe(401);
    expect(err(disabled.body).code).toBe(138000);
  });

  it('settings: GET returns the calling object, POST replaces it and notifies account_settings_update', async () => {
    h = await startHarness();
    expect((await h.graph('GET', `${h.pnid}/settings`)).body).toEqual({ calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' } });
    const calling = {
      status: 'ENABLED',
      call_icon_visibility: 'DISABLE_ALL',
      callback_permission_status: 'ENABLED',
      call_hours: { status: 'ENABLED', timezone_id: 'Asia/Jakarta', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1700' }] },
    };
    expect((await h.graph('POST', `${h.pnid}/settings`, { calling })).body).toEqual({ success: true });
    expect((await h.graph('GET', `${h.pnid}/settings`)).body).toEqual({ calling });
    const bad = await h.graph('POST', `${h.pnid}/settings`, { calling: { status: 'MAYBE' } });
    expect(bad.status).toBe(400);
    await h.emu.flush();
    const update = h.receiver.received.find((r) => field(r) === 'account_settings_update')!;
    expect(value(update)).toEqual({ type: 'phone_number_settings', phone_number_settings: { phone_number_id: h.pnid, calling } });
  });

  it('messages: returns contacts and wamid, then sent and delivered status webhooks', async () => {
    h = await startHarness();
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'Hello' });
    const res = await h.graph('POST', `${h.pnid}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: `+${USER}`, type: 'text', text: { body: 'Hi there' } });
    expect(res.status).toBe(200);
    expect(res.body.contacts).toEqual([{ input: `+${USER}`, wa_id: USER }]);
    const wamid = (res.body.messages as { id: string }[])[0]!.id;
    expect(wamid).toMatch(/^wamid\./);
    await h.emu.flush();
    const statuses = h.receiver.received
      .map((r) => (value(r).statuses as { id: string; status: string; recipient_id: string }[] | undefined)?.[0])
      .filter((s) => s?.id === wamid)
      .map((s) => s!.status);
    expect(statuses).toEqual(['sent', 'delivered']);
    const outbox = await h.emu.control.listMessages({ direction: 'outbound' });
    expect(outbox.map((m) => m.id)).toEqual([wamid]);
  });
});
