import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/desk.js';
import { launchBrowser, openDesk, setStatus, waitForText, type DeskPage } from './support/browser.js';
import { startE2EServer, type E2EServer } from './support/e2e-server.js';

const ANSWERED = '+6281234500021';
const ABANDONED = '+6281234500022';
const AGENT = 'agent1@demo.test';

async function readDownload(d: Download): Promise<string> {
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('call records: filters, CSV, journey, recording', () => {
  let server: E2EServer;
  let browser: Browser;
  let agent: DeskPage;
  let supervisor: DeskPage;
  let answeredId = '';

  beforeAll(async () => {
    server = await startE2EServer();
    await server.setRingGroup('round_robin', [AGENT]);
    // Calls on the demo number are recorded.
    await server.app.database.db.updateTable('channels').set({ recording_enabled: true }).where('id', '=', server.channelId).execute();
    browser = await launchBrowser();
    agent = await openDesk(browser, server.url, AGENT, server.password);
    await setStatus(agent, 'Available');
    await agent.page.getByText('Calls will ring here.').waitFor();

    // One answered call with a few seconds of audio…
    const answered = await server.emu.control.placeCall({ from: ANSWERED, to: '100000000000001', tone: 440 });
    await agent.page.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
    await waitForText(agent.page.getByTestId('widget-status'), 'In a call');
    answeredId = (await agent.page.locator('aside.widget').getAttribute('data-call-id'))!;
    await waitForText(agent.page.getByTestId('widget-timer'), /^00:00:0[3-9]$/, 20_000);
    await server.emu.control.hangup(answered.id);
    await waitForText(agent.page.getByTestId('widget-status'), /^Call ended \d{2}:\d{2}:\d{2}$/);
    await eventually(async () => (await agent.fetchJson(`/api/calls/${answeredId}`)).has_recording === true, 'the recording is saved', 20_000);
    // …and one the caller gave up on before anyone answered.
    await agent.page.getByRole('complementary', { name: 'Call', exact: true }).getByRole('button', { name: 'Close' }).click();
    const abandoned = await server.emu.control.placeCall({ from: ABANDONED, to: '100000000000001', tone: 440 });
    await agent.page.getByRole('alertdialog').waitFor();
    await server.emu.control.hangup(abandoned.id);
    await eventually(async () => (await agent.fetchJson('/api/calls?limit=5')).items.every((c: { status: string }) => c.status === 'ended'), 'both calls ended');

    supervisor = await openDesk(browser, server.url, 'supervisor@demo.test', server.password);
    await supervisor.page.getByRole('link', { name: 'Call records' }).click();
    await supervisor.page.getByTestId('records').waitFor();
  });
  afterAll(async () => {
    await agent?.close().catch(() => {});
    await supervisor?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('lists both calls, and filters by result', async () => {
    const page = supervisor.page;
    const rows = page.locator('[data-testid="records"] tbody tr');
    await eventually(async () => (await rows.count()) === 2, 'two records');
    const answeredRow = page.locator(`[data-testid="records"] tr[data-call-id="${answeredId}"]`);
    expect(await answeredRow.textContent()).toMatch(/Answered.*00:00:0\d/);
    expect(await answeredRow.getByRole('button', { name: 'Play the recording' }).count()).toBe(1);
    expect(await answeredRow.getByRole('button', { name: 'Business record' }).count()).toBe(1);
    await page.getByTestId('filter-result').selectOption({ label: 'Answered' });
    await eventually(async () => (await rows.count()) === 1 && (await rows.first().getAttribute('data-call-id')) === answeredId, 'only the answered call');
    expect(await supervisor.horizontalOverflow()).toBeLessThanOrEqual(0);
    await supervisor.screenshot('records-filtered');
  });

  it('downloads the filtered list as CSV', async () => {
    const page = supervisor.page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readDownload(download);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBe(2);
    expect(lines[0]).toMatch(/id/i);
    expect(csv).toContain(answeredId);
    expect(csv).toContain(ANSWERED);
    expect(csv).not.toContain(ABANDONED);
  });

  it('finds the abandoned call with the advanced search, and exports that search', async () => {
    const page = supervisor.page;
    await page.getByTestId('advanced-toggle').click();
    const search = page.getByTestId('advanced-search');
    await search.getByLabel('Field of condition 1').selectOption({ label: 'Customer number' });
    await search.getByLabel('Operator of condition 1').selectOption({ label: 'contains' });
    await search.getByLabel('Value of condition 1').fill('500022');
    await search.getByRole('button', { name: 'Add condition' }).click();
    await search.getByLabel('Field of condition 2').selectOption({ label: 'Agent' });
    await search.getByLabel('Operator of condition 2').selectOption({ label: 'is empty' });
    await search.getByRole('radio', { name: 'All conditions' }).check();
    await page.getByTestId('run-search').click();
    const rows = page.locator('[data-testid="records"] tbody tr');
    await eventually(async () => (await rows.count()) === 1 && (await rows.first().textContent())?.includes(ABANDONED), 'only the abandoned call');
    // The quick filters step aside while an advanced search is on (the fieldset disables every control in it).
    expect(await page.getByTestId('filter-result').isDisabled()).toBe(true);
    await supervisor.screenshot('records-advanced-search');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await readDownload(download);
    expect(csv).toContain(ABANDONED);
    expect(csv).not.toContain(ANSWERED);
    await search.getByRole('button', { name: 'Clear all' }).click();
    await eventually(async () => !(await page.getByTestId('filter-result').isDisabled()), 'the filters apply again');
  });

  it('opens a record: fields, journey, the recording to play (Range supported), business record', async () => {
    const page = supervisor.page;
    await page.getByTestId('advanced-toggle').click();
    await page.locator(`[data-testid="records"] tr[data-call-id="${answeredId}"] a`).first().click();
    await page.getByTestId('record-detail').waitFor();
    const journey = page.getByTestId('journey');
    await journey.waitFor();
    const titles = await journey.locator('.journey__title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Offered', 'Answered', 'Ended']));
    expect(await journey.locator('.journey__time').first().textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    const audio = page.getByTestId('recording');
    expect(await audio.getAttribute('src')).toBe(`/api/calls/${answeredId}/recording`);
    const ranged = await page.evaluate(async (src) => {
      const r = await fetch(src, { headers: { Range: 'bytes=0-3' } });
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode(await r.arrayBuffer()) };
    }, `/api/calls/${answeredId}/recording`);
    expect(ranged).toEqual({ status: 206, type: 'audio/ogg', head: 'OggS' });
    // The browser can play it: it reads the duration.
    await eventually(() => audio.evaluate((el) => { const a = el as unknown as { duration: number; readyState: number }; return (Number.isFinite(a.duration) && a.duration > 1) || a.readyState >= 1; }), 'the recording loads', 15_000);
    expect(await page.locator('.fields').textContent()).toMatch(/Talking duration\s*00:00:0\d/);
    await page.getByTestId('business-record').waitFor();
    expect(await supervisor.horizontalOverflow()).toBeLessThanOrEqual(0);
    await supervisor.screenshot('record-detail');
  });

  it('edits the business record with its history', async () => {
    const page = supervisor.page;
    const form = page.getByTestId('business-record');
    await form.getByLabel('Notes').fill('Customer asked for the invoice again.');
    await form.getByTestId('save-record').click();
    await form.getByText('Saved').waitFor();
    await form.getByTestId('record-history-toggle').click();
    await form.getByTestId('record-history').getByText('Notes written: “Customer asked for the invoice again.”').waitFor();
    expect(await form.getByTestId('record-history').textContent()).toContain('Sari Supervisor');
    const saved = await supervisor.fetchJson(`/api/calls/${answeredId}/business-record`);
    expect(saved).toMatchObject({ notes: 'Customer asked for the invoice again.', version: 1 });
    await supervisor.screenshot('record-business-record');
  });
});
