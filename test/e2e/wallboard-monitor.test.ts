import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/desk.js';
import { launchBrowser, openDesk, setStatus, waitForText, type DeskPage } from './support/browser.js';
import { startE2EServer, type E2EServer } from './support/e2e-server.js';

const CUSTOMER = '+6281234500011';
const AGENT = 'agent1@demo.test';

/** Inbound audio packets of the newest peer connection keep growing (the page really receives sound). */
async function hearsAudio(desk: DeskPage, what: string): Promise<void> {
  const first = await eventually(async () => {
    const s = await desk.inboundAudio();
    const total = s.reduce((n, x) => n + x.packetsReceived, 0);
    return total > 20 && s.some((x) => x.totalAudioEnergy > 0) ? total : null;
  }, what, 20_000);
  await eventually(async () => {
    const s = await desk.inboundAudio();
    return s.reduce((n, x) => n + x.packetsReceived, 0) > first + 25;
  }, `${what} (still flowing)`, 10_000);
}

describe('supervisor wallboard: live calls and listen-in', () => {
  let server: E2EServer;
  let browser: Browser;
  let agent: DeskPage;
  let supervisor: DeskPage;
  let wacid = '';
  let callId = '';

  beforeAll(async () => {
    server = await startE2EServer();
    await server.setRingGroup('round_robin', [AGENT]);
    browser = await launchBrowser();
    agent = await openDesk(browser, server.url, AGENT, server.password);
    await setStatus(agent, 'Available');
    await agent.page.getByText('Calls will ring here.').waitFor();
    supervisor = await openDesk(browser, server.url, 'supervisor@demo.test', server.password);
    await supervisor.page.getByRole('link', { name: 'Wallboard' }).click();
    await supervisor.page.getByTestId('wallboard').waitFor();
  });
  afterAll(async () => {
    await agent?.close().catch(() => {});
    await supervisor?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('shows the agent available, then the call in progress as it is answered', async () => {
    const page = supervisor.page;
    const agus = page.locator(`[data-testid="agents"] tr[data-user-id="${server.users[AGENT]!.id}"]`);
    await agus.and(page.locator('[data-status="available"]')).waitFor();
    expect(await agus.textContent()).toMatch(/Available\s*00:\d\d:\d\d/);

    const placed = await server.emu.control.placeCall({ from: CUSTOMER, to: '100000000000001', tone: 440 });
    wacid = placed.id;
    await agent.page.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
    await waitForText(agent.page.getByTestId('widget-status'), 'In a call');
    callId = (await agent.page.locator('aside.widget').getAttribute('data-call-id'))!;

    // Live over the WebSocket: the call in progress with its agent and talk time, the agent on a call.
    const live = page.locator(`[data-testid="live-calls"] li[data-call-id="${callId}"]`);
    await live.waitFor();
    await waitForText(live.locator('.live-call__state span').first(), 'In a call');
    expect(await live.textContent()).toContain(CUSTOMER);
    expect(await live.textContent()).toContain('with Agus Agent');
    await waitForText(live.locator('.live-call__state .mono'), /^00:00:0[1-9]|00:00:[1-5]\d$/);
    await agus.and(page.locator('[data-status="busy"]')).waitFor();
    expect(await agus.textContent()).toContain(CUSTOMER);
    await page.locator('[data-status="busy"] .status-strip__count').filter({ hasText: '1' }).waitFor();
    expect(await supervisor.horizontalOverflow()).toBeLessThanOrEqual(0);
    await supervisor.screenshot('wallboard-live-call');
  });

  it('listens in: the supervisor’s browser receives the call audio', async () => {
    const page = supervisor.page;
    const live = page.locator(`[data-testid="live-calls"] li[data-call-id="${callId}"]`);
    await live.getByRole('button', { name: 'Listen' }).click();
    const bar = page.getByTestId('monitor-bar');
    await bar.and(page.locator('[data-phase="live"]')).waitFor({ timeout: 20_000 });
    await waitForText(page.getByTestId('monitor-status'), 'Listening in');
    await hearsAudio(supervisor, 'the supervisor hears the call');
    // Listening sends nothing.
    expect((await supervisor.outboundAudio()).reduce((n, x) => n + x.packetsSent, 0)).toBe(0);
    expect(await live.getByRole('button', { name: 'Listen' }).getAttribute('aria-pressed')).toBe('true');
    await supervisor.screenshot('wallboard-listening');
    const record = await supervisor.fetchJson(`/api/calls/${callId}`);
    expect(record.journey.map((j: { event: string }) => j.event)).toContain('monitor_listen');
  });

  it('switches to whisper: a new leg that sends the supervisor’s microphone', async () => {
    const page = supervisor.page;
    await page.getByTestId('monitor-bar').getByRole('radio', { name: 'Whisper' }).click();
    await page.locator('[data-testid="monitor-bar"][data-mode="whisper"][data-phase="live"]').waitFor({ timeout: 20_000 });
    await hearsAudio(supervisor, 'the supervisor still hears the call while whispering');
    await eventually(async () => (await supervisor.outboundAudio()).some((x) => x.packetsSent > 10), 'the whisper is sent', 10_000);
    await page.getByTestId('monitor-bar').getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('monitor-bar').waitFor({ state: 'detached' });
  });

  it('the agent reloads the page mid-call and gets the call audio back', async () => {
    await agent.page.reload();
    await agent.page.getByTestId('status-switch').waitFor();
    await waitForText(agent.page.getByTestId('widget-status'), 'In a call');
    await hearsAudio(agent, 'the agent hears the customer again after the reload');
    await eventually(async () => {
      const a = await server.emu.control.getAudio(wacid, { tones: [400], window_ms: 1000 });
      return a.received && a.received.opus_packets > 50 && (a.tone_levels['400'] ?? 0) > 0.005;
    }, 'the customer hears the agent again', 20_000);
  });

  it('ends the call from the wallboard; today’s answered count follows', async () => {
    const page = supervisor.page;
    const live = page.locator(`[data-testid="live-calls"] li[data-call-id="${callId}"]`);
    await live.getByRole('button', { name: 'End call' }).click();
    await page.getByRole('dialog', { name: 'End this call?' }).getByRole('button', { name: 'End call' }).click();
    await live.waitFor({ state: 'detached' });
    await waitForText(agent.page.getByTestId('widget-status'), /^Call ended \d{2}:\d{2}:\d{2}$/);
    await waitForText(page.locator('[data-kpi="answered"] .kpi__value'), '1', 10_000);
    await supervisor.screenshot('wallboard-after-call');
  });
});
