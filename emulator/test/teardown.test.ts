import { describe, expect, it } from 'vitest';
import { createBusinessPeer } from './support/business-peer.js';
import { startHarness, USER } from './support/harness.js';
import { callEvent, isCallEvent } from './support/receiver.js';

const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;

describe('teardown', () => {
  it('leaves no sockets or servers behind once the emulator and peers are closed', async () => {
    const udp = count('UDPWrap');
    const tcpServers = count('TCPServerWrap');
    const timeouts = count('Timeout');
    const h = await startHarness();
    const biz = createBusinessPeer();
    const placed = await h.emu.control.placeCall({ from: USER, to: h.pnid });
    const connect = callEvent(await h.receiver.waitFor(isCallEvent('connect', placed.id))) as unknown as { session: { sdp: string } };
    const answer = await biz.answer(connect.session.sdp);
    await h.graph('POST', `${h.pnid}/calls`, { messaging_product: 'whatsapp', call_id: placed.id, action: 'accept', session: { sdp_type: 'answer', sdp: answer } });
    await biz.connected();
    // The call is still up when everything is closed.
    await biz.close();
    await h.close();
    await expect.poll(() => count('UDPWrap'), { timeout: 5_000 }).toBe(udp);
    expect(count('TCPServerWrap')).toBe(tcpServers);
    await expect.poll(() => count('Timeout'), { timeout: 5_000 }).toBeLessThanOrEqual(timeouts);
  });
});
