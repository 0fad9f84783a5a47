import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const webDist = path.join(root, 'web/dist');

function newest(dir: string): number {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

/** The web app's sources are newer than its build (or there is no build). */
export function webBuildStale(): boolean {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = Math.max(
    newest(path.join(root, 'web/src')),
    fs.statSync(path.join(root, 'web/index.html')).mtimeMs,
    fs.statSync(path.join(root, 'web/vite.config.ts')).mtimeMs,
  );
  return fs.statSync(index).mtimeMs < sources;
}

/** Builds `web/dist` when it is missing or older than its sources (once per run in practice). */
export async function ensureWebBuild(): Promise<string> {
  if (!webBuildStale()) return webDist;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  return webDist;
}
