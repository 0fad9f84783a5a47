import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/desk.js';
import { launchBrowser, openDesk, setStatus, waitForText, type DeskPage } from './support/browser.js';
import { startE2EServer, type E2EServer } from './support/e2e-server.js';

const CUSTOMER = '+6281355550001';

/** The demo panel ("Simulated customer"): a newcomer plays the customer from the same screen. */
const panel = (page: Page) => page.getByRole('complementary', { name: 'Simulated customer' });
const widgetStatus = (page: Page, text: string | RegExp) => waitForText(page.getByTestId('widget-status'), text);

describe('a conversation: chat, invite to call, permission, business-initiated call (played through the demo panel)', () => {
  let server: E2EServer;
  let browser: Browser;
  let desk: DeskPage;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    desk = await openDesk(browser, server.url, 'agent1@demo.test', server.password);
    await setStatus(desk, 'Paused · Lunch');
  });
  afterAll(async () => {
    await desk?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('a customer message appears live in the unassigned rooms; the agent takes the room and replies', async () => {
    const page = desk.page;
    // Demo mode tells the web app where the emulator is; the panel drives it from the browser.
    expect(await desk.fetchJson('/api/config')).toEqual({ demo: true, emulator_url: server.emu.url });
    await page.getByRole('link', { name: 'Conversations' }).click();
    await page.getByText('Simulated customer').click();
    await panel(page).getByTestId('demo-customer').fill(CUSTOMER);
    await panel(page).getByLabel('Message from the customer').fill('Halo, saya mau tanya soal pesanan');
    await panel(page).getByRole('button', { name: 'Send' }).click();
    await desk.screenshot('demo-panel');
    const item = page.locator('.room-item', { hasText: 'Halo, saya mau tanya soal pesanan' });
    await page.getByTestId('rooms-tab-unassigned').click();
    await item.waitFor();
    await panel(page).getByRole('button', { name: 'Hide the simulated customer' }).click();
    await item.click();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Assigned to you').waitFor();
    await page.getByTestId('composer').fill('Halo! Ada yang bisa kami bantu?');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('timeline').getByText('Halo! Ada yang bisa kami bantu?').waitFor();
    const sent = await eventually(async () => (await server.emu.control.listMessages({ direction: 'outbound', user: CUSTOMER }))
      .find((m) => JSON.stringify(m).includes('Ada yang bisa kami bantu')), 'the customer receives the reply');
    expect(sent).toBeTruthy();
    await page.getByTestId('permission').getByText('No call permission').waitFor();
  });

  it('invites the customer to call: caption, the 72 h note and the WhatsApp Web help', async () => {
    const page = desk.page;
    await page.getByTestId('invite-to-call').click();
    const dialog = page.getByRole('dialog', { name: 'Invite the customer to a call' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('expires after 72 hours');
    expect(await dialog.textContent()).toContain('WhatsApp Web has no call button');
    await dialog.getByTestId('invite-caption').fill('Boleh kami telepon untuk membahas pesanan Anda?');
    await desk.screenshot('invite-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('timeline').getByText('Boleh kami telepon untuk membahas pesanan Anda?').waitFor();
    await page.getByTestId('permission').getByText(/Invitation waiting, expires/).waitFor();
    expect(await page.getByTestId('invite-to-call').isDisabled()).toBe(true);
  });

  it('the customer allows calls for 7 days: the room shows the permission and a Call button', async () => {
    const page = desk.page;
    await page.getByText('Simulated customer').click();
    await panel(page).getByRole('button', { name: 'Allow for 7 days' }).click();
    await page.getByTestId('permission').getByText('Call permission: temporary').waitFor();
    expect(await page.getByTestId('permission').textContent()).toMatch(/Expires .*2026/);
    await page.getByTestId('timeline').getByText(/The customer allowed calls until/).waitFor();
    await page.getByTestId('call-customer').waitFor();
    expect(await page.getByTestId('invite-to-call').count()).toBe(0);
    await desk.screenshot('room-permission');
  });

  it('calls the customer: ringing, answered in the panel, audio, hang up', async () => {
    const page = desk.page;
    await page.getByTestId('call-customer').click();
    await widgetStatus(page, /^(Calling…|Ringing the customer…)$/);
    await panel(page).getByText('Customer’s phone is ringing: answer or decline').waitFor();
    await desk.screenshot('outbound-ringing');
    await panel(page).getByRole('button', { name: 'Answer', exact: true }).click();
    await widgetStatus(page, 'In a call');
    await eventually(async () => {
      const s = await desk.inboundAudio();
      return s[0] && s[0].packetsReceived > 20 && s[0].totalAudioEnergy > 0;
    }, 'the agent hears the customer', 20_000);
    await page.getByRole('complementary', { name: 'Call', exact: true }).getByRole('button', { name: 'Hang up' }).click();
    await widgetStatus(page, /^Call ended \d{2}:\d{2}:\d{2}$/);
    await page.getByTestId('timeline').getByText(/^Call ended \d{2}:\d{2}:\d{2}$/).waitFor();
    await page.getByTestId('permission').getByText('Calls in 24 h: 1 of 10').waitFor();
  });

  it('a declined business call has its own ending', async () => {
    const page = desk.page;
    await page.getByRole('complementary', { name: 'Call', exact: true }).getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('call-customer').click();
    await panel(page).getByText('Customer’s phone is ringing: answer or decline').waitFor();
    await panel(page).getByRole('button', { name: 'Decline', exact: true }).click();
    await widgetStatus(page, 'Rejected: the customer declined the call');
    await page.getByTestId('timeline').getByText('The customer rejected the call').waitFor();
    await desk.screenshot('outbound-rejected');
  });

  it('switches to Bahasa Indonesia and keeps the choice after a reload', async () => {
    const page = desk.page;
    await page.getByTestId('language').selectOption('id');
    await page.getByRole('link', { name: 'Percakapan' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Percakapan' }).waitFor();
    expect(await page.getByTestId('composer').getAttribute('placeholder')).toContain('Tulis pesan');
    await desk.screenshot('room-bahasa');
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('link', { name: 'Conversations' }).waitFor();
  });

  it('fits a phone screen: bottom navigation, room without the list', async () => {
    const page = desk.page;
    await panel(page).getByRole('button', { name: 'Hide the simulated customer' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Conversations' }).waitFor();
    await desk.screenshot('phone-room');
    expect(await desk.horizontalOverflow()).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Desk' }).click();
    await page.getByRole('heading', { name: 'Hello, Agus' }).waitFor();
    expect(await desk.horizontalOverflow()).toBeLessThanOrEqual(0);
    await desk.screenshot('phone-desk');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('opens the command palette with Ctrl+K and runs a command from it', async () => {
    const page = desk.page;
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.waitFor();
    await page.keyboard.type('records');
    await desk.screenshot('command-palette');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.waitForURL(/\/records$/);
    await page.getByTestId('records').waitFor();
  });
});
