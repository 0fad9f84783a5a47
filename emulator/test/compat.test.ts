import { WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CHANNEL } from '../server.js';
import { createBusinessPeer, type BusinessPeer } from './support/business-peer.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { callEvent, isCallEvent } from './support/receiver.js';

/** An independent Cloud API client (npm @kapso/whatsapp-cloud-api) works against the emulator unchanged but for its base URL. */
let h: Harness | undefined;
let biz: BusinessPeer | undefined;
afterEach(async () => {
  await biz?.close();
  await h?.close();
  h = undefined;
  biz = undefined;
});

describe('compatibility with @kapso/whatsapp-cloud-api', () => {
  it('sends a text and a call permission request, reads call_permissions', async () => {
    h = await startHarness();
    const client = new WhatsAppClient({ accessToken: DEMO_CHANNEL.access_token, baseUrl: h.emu.url });
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'Hi' });
    const sent = await client.messages.sendText({ phoneNumberId: h.pnid, to: `+${USER}`, body: 'Hello from the business' });
    expect(sent.messages[0]!.id).toMatch(/^wamid\./);
    const cpr = await client.messages.sendInteractiveCallPermission({
      phoneNumberId: h.pnid,
      to: USER,
      bodyText: 'May we call you about your order?',
      parameters: { phoneNumber: USER },
    } as never);
    expect(cpr.messages[0]!.id).toMatch(/^wamid\./);
    const outbox = await h.emu.control.listMessages({ direction: 'outbound' });
    expect(outbox.map((m) => m.type)).toEqual(['text', 'call_permission_request']);
    const perms = (await client.calls.permissions.get({ phoneNumberId: h.pnid, userWaId: USER })) as unknown as Record<string, unknown>;
    expect(JSON.stringify(perms)).toContain('no_permission');
  });

  it('places a business call (connect) and terminates it', async () => {
    h = await startHarness();
    await h.emu.control.grantPermission({ from: USER, to: h.pnid, permanent: true });
    const client = new WhatsAppClient({ accessToken: DEMO_CHANNEL.access_token, baseUrl: h.emu.url });
    biz = createBusinessPeer();
    const offer = await biz.offer();
    const res = await client.calls.connect({ phoneNumberId: h.pnid, to: USER, session: { sdpType: 'offer', sdp: offer } });
    const callId = res.calls![0]!.id;
    expect((await h.emu.control.getCall(callId)).state).toBe('ringing');
    const done = await client.calls.terminate({ phoneNumberId: h.pnid, callId });
    expect(done.success).toBe(true);
    expect((await h.emu.control.getCall(callId)).end_status).toBe('FAILED');
  });

  it('pre-accepts and accepts a user call', async () => {
    h = await startHarness();
    const client = new WhatsAppClient({ accessToken: DEMO_CHANNEL.access_token, baseUrl: h.emu.url });
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    const connect = callEvent(await h.receiver.waitFor(isCallEvent('connect', placed.id))) as unknown as { session: { sdp: string } };
    biz = createBusinessPeer();
    const answer = await biz.answer(connect.session.sdp);
    await client.calls.preAccept({ phoneNumberId: h.pnid, callId: placed.id, session: { sdpType: 'answer', sdp: answer } });
    await client.calls.accept({ phoneNumberId: h.pnid, callId: placed.id, session: { sdpType: 'answer', sdp: answer } });
    expect((await h.emu.control.getCall(placed.id)).state).toBe('accepted');
    await expect(client.calls.reject({ phoneNumberId: h.pnid, callId: placed.id })).rejects.toThrow();
  });
});
