import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/desk.js';
import { launchBrowser, openDesk, setStatus, waitForText, type DeskPage } from './support/browser.js';
import { startE2EServer, type E2EServer } from './support/e2e-server.js';

const CUSTOMER = '+6281298765432';

describe('ring to all: two agents, one wins', () => {
  let server: E2EServer;
  let browser: Browser;
  let agus: DeskPage;
  let budi: DeskPage;

  beforeAll(async () => {
    server = await startE2EServer();
    await server.setRingGroup('ring_all', ['agent1@demo.test', 'agent2@demo.test']);
    browser = await launchBrowser();
    agus = await openDesk(browser, server.url, 'agent1@demo.test', server.password);
    budi = await openDesk(browser, server.url, 'agent2@demo.test', server.password);
    for (const d of [agus, budi]) {
      await setStatus(d, 'Available');
      await d.page.getByText('Calls will ring here.').waitFor();
    }
  });
  afterAll(async () => {
    await agus?.close().catch(() => {});
    await budi?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('rings both desks; the keyboard shortcut accepts on one, the other popup says who took it', async () => {
    const placed = await server.emu.control.placeCall({ from: CUSTOMER, to: '100000000000001', tone: 440 });
    await agus.page.getByRole('alertdialog').waitFor();
    await budi.page.getByRole('alertdialog').waitFor();
    await agus.screenshot('ring-all-both-ringing');

    // Budi answers with Alt+Shift+A, without touching the mouse.
    await budi.page.keyboard.press('Alt+Shift+A');
    await waitForText(budi.page.getByTestId('widget-status'), 'In a call');

    // Agus's popup stays a moment to say who took the call, with no buttons left.
    const status = agus.page.getByTestId('popup-status');
    await waitForText(status, 'Taken by Budi Agent');
    expect(await agus.page.getByRole('status').filter({ hasText: 'Taken by Budi Agent' }).getByRole('button').count()).toBe(0);
    await agus.screenshot('ring-all-taken');
    await status.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await agus.page.locator('aside.widget').count()).toBe(0);

    // The winner hears the customer.
    await eventually(async () => {
      const s = await budi.inboundAudio();
      return s[0] && s[0].packetsReceived > 20 && s[0].totalAudioEnergy > 0;
    }, 'Budi hears the customer', 20_000);

    // The customer hangs up: the winner's widget says the call ended.
    await server.emu.control.hangup(placed.id);
    await waitForText(budi.page.getByTestId('widget-status'), /^Call ended \d{2}:\d{2}:\d{2}$/);
    const calls = await budi.fetchJson('/api/calls?limit=5');
    expect(calls.items[0]).toMatchObject({ result: 'answered', agent_name: 'Budi Agent', customer_number: CUSTOMER });
  });

  it('closes the popups everywhere when the caller hangs up before an answer', async () => {
    const placed = await server.emu.control.placeCall({ from: CUSTOMER, to: '100000000000001', tone: 440 });
    await agus.page.getByRole('alertdialog').waitFor();
    await budi.page.getByRole('alertdialog').waitFor();
    await server.emu.control.hangup(placed.id);
    // Both popups say why they close (the server names the reason 'abandoned' or 'ended' depending on
    // how WhatsApp reported the hang-up), with no buttons left; then they go away.
    await Promise.all([agus, budi].map(async (d) => {
      await waitForText(d.page.getByTestId('popup-status'), /^(The caller hung up|The call ended)$/);
      expect(await d.page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    }));
    await Promise.all([agus, budi].map((d) => d.page.getByTestId('popup-status').waitFor({ state: 'detached', timeout: 10_000 })));
  });

  it('transfers the caller to another agent, who picks up with the audio', async () => {
    const placed = await server.emu.control.placeCall({ from: CUSTOMER, to: '100000000000001', tone: 440 });
    await budi.page.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
    await waitForText(budi.page.getByTestId('widget-status'), 'In a call');
    await agus.page.getByTestId('popup-status').waitFor({ state: 'detached', timeout: 10_000 });

    const widget = budi.page.getByRole('complementary', { name: 'Call', exact: true });
    await widget.getByRole('button', { name: 'Transfer' }).click();
    await widget.getByLabel('Transfer to').selectOption({ label: 'Agus Agent' });
    await budi.screenshot('transfer');
    await widget.getByRole('button', { name: 'Transfer', exact: true }).last().click();

    await agus.page.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
    await waitForText(agus.page.getByTestId('widget-status'), 'In a call');
    await waitForText(budi.page.getByTestId('widget-status'), 'Transferred');
    await eventually(async () => {
      const s = await agus.inboundAudio();
      return s[0] && s[0].packetsReceived > 20 && s[0].totalAudioEnergy > 0;
    }, 'Agus hears the customer after the transfer', 20_000);
    await server.emu.control.hangup(placed.id);
    await waitForText(agus.page.getByTestId('widget-status'), /^Call ended \d{2}:\d{2}:\d{2}$/);
    const record = await agus.fetchJson('/api/calls?limit=1');
    expect(record.items[0]).toMatchObject({ result: 'answered', agent_name: 'Agus Agent' });
  });
});
