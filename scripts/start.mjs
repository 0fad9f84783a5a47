// `npm start`: builds the web app when needed, then runs the Meta emulator and the server with
// demo data on the embedded database. Environment variables are passed through (see README).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? port + 1);
const demo = process.env.DEMO ?? '1';

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

function buildWebIfNeeded() {
  const config = path.join(root, 'web/vite.config.ts');
  if (!fs.existsSync(config)) return;
  const index = path.join(root, 'web/dist/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(path.join(root, 'web/src')), fs.statSync(config).mtimeMs, fs.existsSync(path.join(root, 'web/index.html')) ? fs.statSync(path.join(root, 'web/index.html')).mtimeMs : 0);
  if (built >= sources) return;
  console.log('Building the web app…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

buildWebIfNeeded();

const tsx = ['--import', 'tsx'];
const children = [];
const run = (name, file, env) => {
  const child = spawn(process.execPath, [...tsx, path.join(root, file)], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping Switchboard.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
};

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

if (demo !== '0' && demo !== 'false' && !process.env.META_GRAPH_URL) {
  run('The emulator', 'emulator/main.ts', {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_DEMO: '1',
    EMULATOR_DEMO_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    EMULATOR_LOG_LEVEL: process.env.EMULATOR_LOG_LEVEL ?? 'warn',
  });
}
run('The server', 'src/main.ts', {
  DEMO: demo,
  PORT: String(port),
  ...(demo !== '0' && demo !== 'false' && !process.env.META_GRAPH_URL ? { META_GRAPH_URL: `http://127.0.0.1:${emulatorPort}` } : {}),
});
