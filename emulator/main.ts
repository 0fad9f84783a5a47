import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger } from './logger.js';
import { createEmulator, DEMO_CHANNEL, type EmulatorOptions } from './server.js';

/**
 * Runs the emulator standalone. Environment:
 * EMULATOR_PORT (3001), EMULATOR_HOST (127.0.0.1), EMULATOR_CLOCK (real|manual),
 * EMULATOR_ACCEPT_WINDOW_MS (45000), EMULATOR_BIC_RING_TIMEOUT_MS (45000),
 * EMULATOR_MEDIA_ADDRESS (127.0.0.1), EMULATOR_DEMO (1: register the demo channel),
 * EMULATOR_DEMO_WEBHOOK_URL (http://localhost:3000/webhooks/whatsapp), EMULATOR_LOG_LEVEL (info).
 */
function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export async function startFromEnv(): Promise<Awaited<ReturnType<typeof createEmulator>>> {
  const clock = process.env.EMULATOR_CLOCK ?? 'real';
  if (clock !== 'real' && clock !== 'manual') throw new Error(`EMULATOR_CLOCK must be real or manual, got "${clock}"`);
  const level = (process.env.EMULATOR_LOG_LEVEL ?? 'info') as 'debug' | 'info' | 'warn' | 'error';
  const demo = process.env.EMULATOR_DEMO !== '0';
  const opts: EmulatorOptions = {
    port: intEnv('EMULATOR_PORT') ?? 3001,
    host: process.env.EMULATOR_HOST ?? '127.0.0.1',
    clock,
    logger: consoleLogger(level),
    ...(intEnv('EMULATOR_ACCEPT_WINDOW_MS') !== undefined ? { acceptWindowMs: intEnv('EMULATOR_ACCEPT_WINDOW_MS')! } : {}),
    ...(intEnv('EMULATOR_BIC_RING_TIMEOUT_MS') !== undefined ? { bicRingTimeoutMs: intEnv('EMULATOR_BIC_RING_TIMEOUT_MS')! } : {}),
    ...(process.env.EMULATOR_MEDIA_ADDRESS ? { mediaAddress: process.env.EMULATOR_MEDIA_ADDRESS } : {}),
    ...(demo
      ? {
          phoneNumbers: [
            {
              ...DEMO_CHANNEL,
              webhook_url: process.env.EMULATOR_DEMO_WEBHOOK_URL ?? 'http://localhost:3000/webhooks/whatsapp',
            },
          ],
        }
      : {}),
  };
  return createEmulator(opts);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const emu = await startFromEnv();
  console.error(`WhatsApp Cloud API emulator on ${emu.url} (Graph: ${emu.graphBaseUrl}, control: ${emu.url}/control/state)`);
  const stop = async () => {
    await emu.close();
    process.exitCode = 0;
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
