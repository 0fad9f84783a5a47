import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** Debian's Chromium, headless, with a fake microphone (a beeping tone) that needs no prompt. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox', '--disable-gpu',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * Records every RTCPeerConnection the page creates (window.__peers), so a test can read the
 * agent leg's getStats() the way chrome://webrtc-internals would. Page code is a string: it runs
 * in the browser, not in this Node process.
 */
const capturePeers = `(() => {
  window.__peers = [];
  const Original = window.RTCPeerConnection;
  const Wrapped = function (...args) { const pc = new Original(...args); window.__peers.push(pc); return pc; };
  Wrapped.prototype = Original.prototype;
  Object.setPrototypeOf(Wrapped, Original);
  window.RTCPeerConnection = Wrapped;
})();`;

const statsOf = (kind: 'inbound-rtp' | 'outbound-rtp') => `(async () => {
  const pc = window.__peers[window.__peers.length - 1];
  if (!pc) return [];
  const out = [];
  (await pc.getStats()).forEach((r) => {
    if (r.type === '${kind}' && r.kind === 'audio') out.push({ packetsReceived: r.packetsReceived ?? 0, audioLevel: r.audioLevel ?? 0, totalAudioEnergy: r.totalAudioEnergy ?? 0, packetsSent: r.packetsSent ?? 0, bytesSent: r.bytesSent ?? 0 });
  });
  return out;
})()`;

export interface DeskPage {
  page: Page;
  context: BrowserContext;
  /** Saves test/e2e/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Inbound audio of the newest peer connection: packets and level, per track. */
  inboundAudio(): Promise<{ packetsReceived: number; audioLevel: number; totalAudioEnergy: number }[]>;
  /** Outbound audio of the newest peer connection. */
  outboundAudio(): Promise<{ packetsSent: number; bytesSent: number }[]>;
  peerState(): Promise<string | null>;
  /** GET an API path with the desk's session cookie. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fetchJson(path: string): Promise<any>;
  /** How many pixels the page is wider than the window (0 = no horizontal scroll). */
  horizontalOverflow(): Promise<number>;
  close(): Promise<void>;
}

/** A signed-in desk in its own browser context (own cookies, own microphone), like a second agent's computer. */
export async function openDesk(browser: Browser, baseUrl: string, email: string, password: string, opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<DeskPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: opts.viewport ?? { width: 1280, height: 720 },
    locale: opts.locale ?? 'en-GB',
    timezoneId: 'Asia/Jakarta',
    permissions: ['microphone', 'notifications'],
  });
  await context.addInitScript({ content: capturePeers });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('status-switch').waitFor();
  fs.mkdirSync(screenshotDir, { recursive: true });
  const desk: DeskPage = {
    page,
    context,
    async screenshot(name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    inboundAudio: () => page.evaluate(statsOf('inbound-rtp')),
    outboundAudio: () => page.evaluate(statsOf('outbound-rtp')),
    peerState: () => page.evaluate('window.__peers.at(-1)?.connectionState ?? null'),
    fetchJson: (path) => page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.json())`),
    horizontalOverflow: () => page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
    close: () => context.close(),
  };
  return desk;
}

/** Waits until the element's whole text is `text` (or matches it). */
export async function waitForText(locator: Locator, text: string | RegExp, timeout?: number): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await locator.filter({ hasText: pattern }).first().waitFor(timeout ? { timeout } : {});
}

/** Sets the desk's status through the status switch (the way an agent does). */
export async function setStatus(desk: DeskPage, label: string): Promise<void> {
  await desk.page.getByTestId('status-switch').selectOption({ label });
}
