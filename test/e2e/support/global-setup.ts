import { ensureWebBuild } from './web-build.js';

/** Vitest global setup for the e2e project: a fresh `web/dist` before any browser opens. */
export default async function setup(): Promise<void> {
  await ensureWebBuild();
}
