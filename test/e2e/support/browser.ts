import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
 * agent leg's getStats() the way chrome://webrtc-internals would.
 */
const capturePeers = () => {
  const w = window as unknown as { __peers: RTCPeerConnection[]; RTCPeerConnection: typeof RTCPeerConnection };
  w.__peers = [];
  const Original = w.RTCPeerConnection;
  const Wrapped = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
    const pc = new Original(...args);
    w.__peers.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Wrapped.prototype = Original.prototype;
  Object.setPrototypeOf(Wrapped, Original);
  w.RTCPeerConnection = Wrapped;
};

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
  await context.addInitScript(capturePeers);
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
    inboundAudio: () => page.evaluate(async () => {
      const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
      const pc = peers[peers.length - 1];
      if (!pc) return [];
      const out: { packetsReceived: number; audioLevel: number; totalAudioEnergy: number }[] = [];
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number; audioLevel?: number; totalAudioEnergy?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') out.push({ packetsReceived: r.packetsReceived ?? 0, audioLevel: r.audioLevel ?? 0, totalAudioEnergy: r.totalAudioEnergy ?? 0 });
      });
      return out;
    }),
    outboundAudio: () => page.evaluate(async () => {
      const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
      const pc = peers[peers.length - 1];
      if (!pc) return [];
      const out: { packetsSent: number; bytesSent: number }[] = [];
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsSent?: number; bytesSent?: number }) => {
        if (r.type === 'outbound-rtp' && r.kind === 'audio') out.push({ packetsSent: r.packetsSent ?? 0, bytesSent: r.bytesSent ?? 0 });
      });
      return out;
    }),
    peerState: () => page.evaluate(() => {
      const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
      return peers[peers.length - 1]?.connectionState ?? null;
    }),
    close: () => context.close(),
  };
  return desk;
}

/** Sets the desk's status through the status switch (the way an agent does). */
export async function setStatus(desk: DeskPage, label: string): Promise<void> {
  await desk.page.getByTestId('status-switch').selectOption({ label });
}
