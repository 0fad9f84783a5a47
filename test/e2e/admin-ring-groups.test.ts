import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/desk.js';
import { launchBrowser, openDesk, type DeskPage } from './support/browser.js';
import { startE2EServer, type E2EServer } from './support/e2e-server.js';

interface RingGroupView {
  id: string;
  name: string;
  mode: string;
  members: { name: string; position: number }[];
}

describe('admin console: ring groups', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: DeskPage;

  const group = async (name: string): Promise<RingGroupView | undefined> =>
    ((await admin.fetchJson('/api/ring-groups')).items as RingGroupView[]).find((g) => g.name === name);
  const order = async (name: string) => (await group(name))?.members.sort((a, b) => a.position - b.position).map((m) => m.name).join(', ');
  const shown = (name: string) => admin.page.locator(`[data-ring-group="${name}"] .members__name`).allTextContents().then((xs) => xs.join(', '));

  beforeAll(async () => {
    server = await startE2EServer();
    // The demo's round-robin group keeps only Agus: Budi and Citra are free for a new group
    // (an agent is in at most one ring group per number).
    await server.setRingGroup('round_robin', ['agent1@demo.test']);
    browser = await launchBrowser();
    admin = await openDesk(browser, server.url, 'admin@demo.test', server.password);
    await admin.page.getByRole('link', { name: 'Administration' }).click();
    await admin.page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Ring groups' }).click();
    await admin.page.locator('[data-ring-group="Front desk"]').waitFor();
  });
  afterAll(async () => {
    await admin?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('creates a ring-to-all group with members in the order they are ticked', async () => {
    const page = admin.page;
    await page.getByRole('button', { name: 'New ring group' }).click();
    const form = page.getByRole('form', { name: 'New ring group' });
    await form.getByLabel('Name').fill('Escalations');
    // The number already has a round-robin group: ring to all is proposed.
    expect(await form.getByLabel('Mode').inputValue()).toBe('ring_all');
    // Agus is in Front desk already.
    expect(await form.locator('label.chip', { hasText: 'Agus Agent' }).getByRole('checkbox').isDisabled()).toBe(true);
    await form.locator('label.chip', { hasText: 'Citra Agent' }).click();
    await form.locator('label.chip', { hasText: 'Budi Agent' }).click();
    await form.getByRole('button', { name: 'Create ring group' }).click();
    await page.locator('[data-ring-group="Escalations"]').waitFor();
    expect(await shown('Escalations')).toBe('Citra Agent, Budi Agent');
    expect(await group('Escalations')).toMatchObject({ mode: 'ring_all' });
    expect(await order('Escalations')).toBe('Citra Agent, Budi Agent');
  });

  it('reorders members by drag and drop, and with the keyboard', async () => {
    const page = admin.page;
    const card = page.locator('[data-ring-group="Escalations"]');
    await card.getByRole('combobox', { name: /^Add to Members of Escalations/ }).waitFor();
    // Move Agus out of Front desk into Escalations through the UI: remove, then add.
    const front = page.locator('[data-ring-group="Front desk"]');
    await front.getByRole('button', { name: 'Remove Agus Agent' }).click();
    await eventually(async () => (await order('Front desk')) === '', 'Agus left Front desk');
    await card.getByRole('combobox', { name: /^Add to Members of Escalations/ }).selectOption({ label: 'Agus Agent' });
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(async () => (await order('Escalations')) === 'Citra Agent, Budi Agent, Agus Agent', 'Agus joined Escalations');

    // Drag Citra (first) onto the lower half of Agus (last): she goes last.
    const rows = card.locator('.members__item');
    await rows.filter({ hasText: 'Citra Agent' }).dragTo(rows.filter({ hasText: 'Agus Agent' }), { targetPosition: { x: 60, y: 30 } });
    await eventually(async () => (await shown('Escalations')) === 'Budi Agent, Agus Agent, Citra Agent', 'the list shows the new order');
    await eventually(async () => (await order('Escalations')) === 'Budi Agent, Agus Agent, Citra Agent', 'the server has the new order');
    await admin.screenshot('admin-ring-group-dragged');

    // Keyboard: Agus's grip, Home → first.
    await card.getByRole('button', { name: /^Move Agus Agent \(place/ }).focus();
    await page.keyboard.press('Home');
    await eventually(async () => (await order('Escalations')) === 'Agus Agent, Budi Agent, Citra Agent', 'Home moved Agus first');
    // The grip keeps the focus, so the next key moves the same member.
    await page.keyboard.press('ArrowDown');
    await eventually(async () => (await order('Escalations')) === 'Budi Agent, Agus Agent, Citra Agent', 'ArrowDown moved Agus down');
    expect(await page.getByRole('status').filter({ hasText: 'Agus Agent is now number 2 of 3' }).count()).toBe(1);
    expect(await admin.horizontalOverflow()).toBeLessThanOrEqual(0);
    await admin.screenshot('admin-ring-groups');
  });
});
