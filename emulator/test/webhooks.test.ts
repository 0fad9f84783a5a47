import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CHANNEL } from '../server.js';
import { startHarness, USER, type Harness } from './support/harness.js';
import { callEvent, field, value } from './support/receiver.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('webhook delivery', () => {
  it("signs the exact body bytes with the number's app secret and uses Meta's envelope", async () => {
    h = await startHarness();
    const { message_id } = await h.emu.control.sendMessage({ from: `+${USER}`, to: '+62 21 5000 0001', text: 'Halo' });
    await h.emu.flush();
    const [r] = h.receiver.received;
    const expected = createHmac('sha256', DEMO_CHANNEL.app_secret).update(Buffer.from(r!.raw, 'utf8')).digest();
    const header = String(r!.headers['x-hub-signature-256']);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(timingSafeEqual(Buffer.from(header.slice(7), 'hex'), expected)).toBe(true);
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: DEMO_CHANNEL.waba_id,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '622150000001', phone_number_id: DEMO_CHANNEL.phone_number_id },
                contacts: [{ profile: { name: 'Customer 7890' }, wa_id: USER }],
                messages: [{ from: USER, id: message_id, timestamp: String(Math.floor(h.emu.clock.now().getTime() / 1000)), type: 'text', text: { body: 'Halo' } }],
              },
            },
          ],
        },
      ],
    });
  });

  it('retries a failed delivery at once, then backs off on the emulator clock, then gives up', async () => {
    h = await startHarness({ webhookRetryDelaysMs: [0, 10_000, 60_000] });
    h.receiver.respondWith(() => 500);
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'one' });
    await h.emu.flush();
    expect(h.receiver.received).toHaveLength(2); // first attempt + immediate retry
    await h.emu.clock.advance(9_999);
    expect(h.receiver.received).toHaveLength(2);
    await h.emu.clock.advance(1);
    expect(h.receiver.received).toHaveLength(3);
    h.receiver.respondWith(() => 200);
    await h.emu.clock.advance(60_000);
    expect(h.receiver.received).toHaveLength(4);
    expect(h.receiver.received.map((r) => r.raw).every((raw) => raw === h!.receiver.received[0]!.raw)).toBe(true);
    const log = await h.emu.control.webhookLog();
    expect(log.map((a) => [a.attempt, a.status])).toEqual([[1, 500], [2, 500], [3, 500], [4, 200]]);

    h.receiver.respondWith(() => 503);
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'two' });
    await h.emu.clock.advance(3_600_000);
    expect(h.receiver.received.filter((r) => r.raw.includes('"two"'))).toHaveLength(4); // 1 + 3 retries, then it gives up
  });

  it('retries when the endpoint is unreachable', async () => {
    h = await startHarness({ webhookRetryDelaysMs: [0] });
    await h.emu.control.putPhoneNumber('300000000000001', {
      display_phone_number: '+62 21 5000 0002',
      waba_id: '200000000000001',
      access_token: 't',
      app_secret: 's',
      webhook_url: 'http://127.0.0.1:1/nowhere',
    });
    await h.emu.control.sendMessage({ from: USER, to: '300000000000001', text: 'x' });
    await h.emu.flush();
    const log = await h.emu.control.webhookLog({ phone_number_id: '300000000000001' });
    expect(log.map((a) => a.status)).toEqual([null, null]);
    expect(log[0]!.error).toBeTruthy();
  });

  it('chaos duplicate delivers every webhook twice', async () => {
    h = await startHarness();
    await h.emu.control.setChaos({ duplicate: true }, h.pnid);
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'dup' });
    await h.emu.flush();
    expect(h.receiver.received).toHaveLength(2);
    expect(h.receiver.received[0]!.raw).toBe(h.receiver.received[1]!.raw);
  });

  it('chaos reorder delivers a call\'s terminate before its connect', async () => {
    h = await startHarness();
    await h.emu.control.setChaos({ reorder: true });
    const call = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    await h.emu.flush();
    expect(h.receiver.received.filter((r) => field(r) === 'calls')).toHaveLength(0);
    await h.emu.control.hangup(call.id);
    await h.emu.flush();
    expect(h.receiver.received.filter((r) => field(r) === 'calls').map((r) => callEvent(r)!.event)).toEqual(['terminate', 'connect']);
  });

  it('chaos delay_ms holds deliveries for that much emulator time', async () => {
    h = await startHarness();
    await h.emu.control.setChaos({ delay_ms: 5_000 }, h.pnid);
    await h.emu.control.sendMessage({ from: USER, to: h.pnid, text: 'later' });
    await h.emu.flush();
    expect(h.receiver.received).toHaveLength(0);
    await h.emu.clock.advance(5_000);
    expect(h.receiver.received).toHaveLength(1);
    expect((value(h.receiver.received[0]!).messages as { text: { body: string } }[])[0]!.text.body).toBe('later');
  });
});
