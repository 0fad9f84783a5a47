import { createEmulator, DEMO_CHANNEL, type Emulator, type EmulatorOptions } from '../../server.js';
import { startReceiver, type Receiver } from './receiver.js';

/** An emulator with the demo channel pointed at a test receiver, plus a Graph client. */
export interface Harness {
  emu: Emulator;
  receiver: Receiver;
  pnid: string;
  graph(method: 'GET' | 'POST', path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const USER = '6281234567890';

export async function startHarness(opts: EmulatorOptions & { calling?: Record<string, unknown>; displayPhoneNumber?: string } = {}): Promise<Harness> {
  const receiver = await startReceiver();
  const { calling, displayPhoneNumber, ...emuOpts } = opts;
  const emu = await createEmulator({ port: 0, clock: 'manual', startTime: Date.parse('2026-03-02T09:00:00Z'), ...emuOpts });
  await emu.control.putPhoneNumber(DEMO_CHANNEL.phone_number_id, {
    display_phone_number: displayPhoneNumber ?? DEMO_CHANNEL.display_phone_number,
    waba_id: DEMO_CHANNEL.waba_id,
    access_token: DEMO_CHANNEL.access_token,
    app_secret: DEMO_CHANNEL.app_secret,
    webhook_url: receiver.url,
    ...(calling ? { calling: calling as never } : {}),
  });
  return {
    emu,
    receiver,
    pnid: DEMO_CHANNEL.phone_number_id,
    async graph(method, path, body, token = DEMO_CHANNEL.access_token) {
      const res = await fetch(`${emu.graphBaseUrl}/${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await emu.close();
      await receiver.close();
    },
  };
}
