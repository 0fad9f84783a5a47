import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { isCallEvent } from './support/receiver.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h!.emu.url}/control${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & Record<string, unknown>[] };
}

describe('control API over HTTP', () => {
  it('registers numbers and users, plays a customer, and shows state without secrets', async () => {
    h = await startHarness();
    const put = await control('PUT', '/control/phone-numbers/555000000000001'.replace('/control', ''), {
      display_phone_number: '+62 21 5000 0009',
      waba_id: '200000000000009',
      access_token: 'secret-token',
      app_secret: 'secret-app',
      webhook_url: h.receiver.url,
      calling: { status: 'ENABLED', callback_permission_status: 'ENABLED' },
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain('secret-');
    const bad = await control('PUT', '/phone-numbers/555000000000002', { display_phone_number: 'x' });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe('invalid_request');

    expect((await control('PUT', `/users/${USER}`, { name: 'Budi', policy: { mode: 'answer', after_ms: 1000 }, audio: { kind: 'tone', frequency_hz: 523 } })).body).toEqual({
      wa_id: USER,
      name: 'Budi',
      policy: { mode: 'answer', after_ms: 1000 },
      audio: { kind: 'tone', frequency_hz: 523 },
    });
    const call = await control('POST', '/calls', { from: `+${USER}`, to: '+62 21 5000 0009' });
    expect(call.status).toBe(200);
    expect(call.body).toMatchObject({ direction: 'USER_INITIATED', state: 'ringing', user_wa_id: USER, phone_number_id: '555000000000001' });
    const state = await control('GET', '/state');
    expect((state.body.active_calls as unknown[]).length).toBe(1);
    expect(JSON.stringify(state.body)).not.toContain('secret-');
    expect(JSON.stringify(state.body)).not.toContain('a=fingerprint');
    expect((await control('POST', `/calls/${call.body.id as string}/hangup`)).body).toMatchObject({ state: 'ended', end_status: 'FAILED' });
    expect((await control('POST', `/calls/${call.body.id as string}/hangup`)).status).toBe(409);
    expect((await control('GET', '/calls/wacid.unknown')).status).toBe(404);
    await h.emu.flush();
    const log = await control('GET', `/webhooks?call_id=${call.body.id as string}`);
    expect((log.body as unknown as { summary: string; status: number }[]).map((a) => [a.summary, a.status])).toEqual([
      ['calls/connect', 200],
      ['calls/terminate', 200],
    ]);
    const all = await control('GET', '/webhooks?phone_number_id=555000000000001');
    expect((all.body as unknown as { summary: string }[]).map((a) => a.summary)).toContain('messages/call_permission_reply');
    expect((await control('GET', '/nope')).status).toBe(404);
    const preflight = await fetch(`${h.emu.url}/control/calls`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect((await control('POST', '/reset', {})).body).toEqual({ ok: true });
    expect((await control('GET', '/calls')).body).toEqual([]);
    expect(((await control('GET', '/phone-numbers')).body as unknown[]).length).toBe(2);
  });

  it('emits account_update and verifies the webhook endpoint with the hub.challenge handshake', async () => {
    h = await startHarness();
    await control('POST', `/phone-numbers/${h.pnid}/account-update`, { event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: 1767225600 }] });
    await h.emu.flush();
    expect(h.receiver.received[0]!.body.entry[0]!.changes[0]).toEqual({
      field: 'account_update',
      value: { phone_number: '622150000001', event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: 'RESTRICTED_BUSINESS_INITIATED_CALLING', expiration: 1767225600 }] },
    });
    const wrong = await control('POST', `/phone-numbers/${h.pnid}/verify-webhook`, { verify_token: 'x' });
    expect(wrong.body).toMatchObject({ verified: false, status: 403 });
    const right = await control('POST', `/phone-numbers/${h.pnid}/verify-webhook`, { verify_token: 'demo-verify-token' });
    expect(right.body).toMatchObject({ verified: true, status: 200 });
  });
});

describe('CLI', () => {
  it('places a call, lists it, advances the clock and hangs up, printing plain lines', async () => {
    h = await startHarness();
    const out: string[] = [];
    const cli = (...args: string[]) => runCli(['--url', h!.emu.url, ...args], (l) => out.push(l));
    await cli('call', '--from', '+6281234567890', '--to', '+62 21 5000 0001', '--tone', '600');
    expect(out.at(-1)).toMatch(/^Calling: wacid\.\S+ {2}user→biz {2}\+6281234567890 {2}ringing$/);
    await h.receiver.waitFor(isCallEvent('connect'));
    await cli('calls');
    expect(out.at(-1)).toContain('ringing');
    await cli('clock', 'advance', '10s');
    expect(out.at(-1)).toBe('Emulator clock: 2026-03-02T09:00:10.000Z');
    await cli('hangup', 'last');
    expect(out.at(-1)).toContain('ended (FAILED, user_hangup)');
    await cli('message', '--from', USER, '--to', h.pnid, '--text', 'Halo');
    expect(out.at(-1)).toMatch(/^Sent wamid\./);
    await cli('grant', '--from', USER, '--to', h.pnid, '--permanent');
    expect(out.at(-1)).toMatch(/^grant: permission now permanent/);
    await cli('policy', '--user', USER, '--answer-after', '2s');
    expect(out.at(-1)).toBe(`+${USER} answers business calls: answer after 2000 ms`);
    await expect(cli('hangup', 'wacid.nope')).rejects.toThrow(/404 unknown_call/);
    await expect(runCli(['--url', 'http://127.0.0.1:1', 'calls'], () => undefined)).rejects.toThrow(/Cannot reach the emulator/);
  });
});
