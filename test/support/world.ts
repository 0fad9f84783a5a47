import crypto from 'node:crypto';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.js';
import type { Seams } from '../../src/app/seams.js';
import { createTestApp, type TestApp } from './app.js';
import type { TestClock } from './clock.js';
import { as, createTenant, type TestTenant } from './fixtures.js';
import { openDesk, type Desk } from './desk.js';

export interface World {
  app: TestApp;
  emu: Emulator;
  url: string;
  tenant: TestTenant;
  channel: { id: string; phoneNumberId: string; displayNumber: string; appSecret: string; wabaId: string };
  desks: Desk[];
  desk(user: { token: string }): Promise<Desk>;
  available(user: { token: string }): Promise<void>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  mediaWorkers?: number;
  agents?: number;
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
  clock?: TestClock;
  /** Route of the channel: a ring group of these agents (by index) or an agent-group queue. */
  ringGroup?: { mode: 'round_robin' | 'ring_all'; agents: number[]; ringRegardlessOfStatus?: boolean } | null;
  queue?: { agents: number[]; strategy?: string; wrapUpSeconds?: number; maxWaitSeconds?: number } | null;
  seams?: Seams;
}

/**
 * The product and Meta's emulator wired together over loopback: a tenant, a WhatsApp channel
 * known to both (signed webhooks to the server, Graph calls to the emulator), agents with desks.
 */
export async function createWorld(opts: WorldOptions = {}): Promise<World> {
  const emu = await createEmulator({ port: 0, clock: 'real', ...opts.emulator });
  const app = await createTestApp({
    env: { META_GRAPH_URL: emu.url, MEDIA_WORKERS: String(opts.mediaWorkers ?? 0), META_TIMEOUT_MS: '5000', ...opts.env },
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.seams ? { seams: opts.seams } : {}),
  });
  const url = await app.listen();
  const tenant = await createTenant(app, { agents: opts.agents ?? 3 });
  const db = app.database.db;
  const now = app.clock.now();
  const suffix = String(crypto.randomInt(10_000_000, 99_999_999));
  const channel = {
    id: app.ids.next(),
    phoneNumberId: `1${suffix}0000001`,
    displayNumber: `+62215${suffix.slice(0, 6)}`,
    appSecret: `secret-${suffix}`,
    wabaId: `2${suffix}0000001`,
  };
  await db.insertInto('channels').values({
    id: channel.id, tenant_id: tenant.tenantId, type: 'whatsapp', name: 'Test WhatsApp', display_number: channel.displayNumber, country: 'ID',
    phone_number_id: channel.phoneNumberId, waba_id: channel.wabaId, access_token: `token-${suffix}`, app_secret: channel.appSecret,
    verify_token: `verify-${suffix}`, voice_calling_enabled: true, prompts: '{}', health: '{}', created_at: now, updated_at: now,
  }).execute();
  await db.insertInto('channel_members').values(tenant.agents.map((a) => ({ channel_id: channel.id, user_id: a.id, tenant_id: tenant.tenantId }))).execute();
  if (opts.ringGroup !== null) {
    const rg = opts.ringGroup ?? { mode: 'ring_all' as const, agents: tenant.agents.map((_, i) => i) };
    const id = app.ids.next();
    await db.insertInto('ring_groups').values({ id, tenant_id: tenant.tenantId, channel_id: channel.id, name: 'Front desk', mode: rg.mode, ring_regardless_of_status: rg.ringRegardlessOfStatus ?? false, created_at: now, updated_at: now }).execute();
    await db.insertInto('ring_group_members').values(rg.agents.map((i, pos) => ({ ring_group_id: id, channel_id: channel.id, user_id: tenant.agents[i]!.id, tenant_id: tenant.tenantId, position: pos }))).execute();
  }
  if (opts.queue) {
    const gid = app.ids.next();
    await db.insertInto('agent_groups').values({ id: gid, tenant_id: tenant.tenantId, name: 'Support', strategy: (opts.queue.strategy ?? 'ring_all') as never, wrap_up_seconds: opts.queue.wrapUpSeconds ?? 0, max_wait_seconds: opts.queue.maxWaitSeconds ?? 120, created_at: now, updated_at: now }).execute();
    await db.insertInto('agent_group_members').values(opts.queue.agents.map((i, pos) => ({ group_id: gid, user_id: tenant.agents[i]!.id, tenant_id: tenant.tenantId, position: pos }))).execute();
    const incoming = JSON.stringify({ type: 'agent_groups', agent_group_ids: [gid] });
    await db.updateTable('channels').set({ incoming_target: incoming }).where('id', '=', channel.id).execute();
  }
  await emu.control.putPhoneNumber(channel.phoneNumberId, {
    display_phone_number: channel.displayNumber, waba_id: channel.wabaId, access_token: `token-${suffix}`, app_secret: channel.appSecret,
    webhook_url: `${url}/webhooks/whatsapp`,
  });
  const desks: Desk[] = [];
  return {
    app, emu, url, tenant, channel, desks,
    async desk(user) {
      const d = await openDesk(url, user.token);
      desks.push(d);
      return d;
    },
    async available(user) {
      const r = await as(app, user).put('/api/me/presence', { status: 'available' });
      if (r.status !== 200) throw new Error(`presence: ${JSON.stringify(r.body)}`);
    },
    async stop() {
      await Promise.all(desks.map((d) => d.close()));
      await emu.close();
      await app.stop();
    },
  };
}
