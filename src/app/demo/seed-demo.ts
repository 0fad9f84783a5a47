import { topUp } from '../../domain/billing/index.js';
import { lockVoiceBalance, recordPosting } from '../billing/voice-balance.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import { hashPassword } from '../passwords.js';

/** Fixed demo credentials (see the README and ARCHITECTURE conventions). Demo data only. */
export const DEMO = {
  tenantName: 'Demo',
  password: 'switchboard',
  users: [
    { email: 'admin@demo.test', name: 'Ayu Admin', role: 'admin' },
    { email: 'supervisor@demo.test', name: 'Sari Supervisor', role: 'supervisor' },
    { email: 'agent1@demo.test', name: 'Agus Agent', role: 'agent' },
    { email: 'agent2@demo.test', name: 'Budi Agent', role: 'agent' },
    { email: 'agent3@demo.test', name: 'Citra Agent', role: 'agent' },
  ],
  channel: {
    name: 'Demo WhatsApp',
    display_number: '+62 21 5000 0001',
    phone_number_id: '100000000000001',
    waba_id: '200000000000001',
    access_token: 'demo-access-token',
    app_secret: 'demo-app-secret',
    verify_token: 'demo-verify-token',
  },
  /** Per-minute rates in IDR (minor units = rupiah) by callee country; `*` is every other country. */
  rates: [
    { country: 'ID', rate_per_minute_minor: 1_000 },
    { country: 'SG', rate_per_minute_minor: 2_500 },
    { country: 'MY', rate_per_minute_minor: 1_800 },
    { country: 'IN', rate_per_minute_minor: 900 },
    { country: 'BR', rate_per_minute_minor: 1_500 },
    { country: '*', rate_per_minute_minor: 4_000 },
  ],
  /** Rp 1,000,000, credited through a ledger row. */
  initialTopUpMinor: 1_000_000,
} as const;

export const DEFAULT_PAUSE_REASONS = [
  { name: 'Lunch' },
  { name: 'Training' },
  { name: 'Break' },
  { name: 'Missed calls', system_key: 'missed_calls' },
  { name: 'Disposition', system_key: 'disposition' },
] as const;

/** Creates a tenant's standard rows (pause reasons). Used for every new tenant. */
export async function seedTenantDefaults(deps: Pick<CoreDeps, 'clock' | 'ids'>, tx: DbOrTx, tenantId: string): Promise<void> {
  const now = deps.clock.now();
  for (const r of DEFAULT_PAUSE_REASONS) {
    await tx
      .insertInto('pause_reasons')
      .values({ id: deps.ids.next(), tenant_id: tenantId, name: r.name, system_key: 'system_key' in r ? r.system_key : null, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * The demo tenant: an admin, a supervisor, three agents, two agent groups, one WhatsApp channel
 * pointing at the emulator, a round-robin ring group, a rate table and an opening voice balance.
 * Does nothing when the tenant exists.
 */
export async function seedDemo(deps: Pick<CoreDeps, 'db' | 'clock' | 'ids' | 'log'>): Promise<{ created: boolean; tenantId: string }> {
  const { db, clock, ids } = deps;
  const existing = await db.selectFrom('tenants').select('id').where('name', '=', DEMO.tenantName).executeTakeFirst();
  if (existing) return { created: false, tenantId: existing.id };
  const hash = await hashPassword(DEMO.password);
  const now = clock.now();
  const tenantId = ids.next();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('tenants').values({ id: tenantId, name: DEMO.tenantName, currency: 'IDR', settings: '{}', created_at: now }).execute();
    await seedTenantDefaults(deps, tx, tenantId);
    const userIds: Record<string, string> = {};
    for (const u of DEMO.users) {
      const id = ids.next();
      userIds[u.email] = id;
      await tx.insertInto('users').values({ id, tenant_id: tenantId, email: u.email, name: u.name, role: u.role, password_hash: hash, created_at: now, updated_at: now }).execute();
      await tx.insertInto('agent_presence').values({ user_id: id, tenant_id: tenantId, status: 'offline', status_since: now }).execute();
    }
    const agents = DEMO.users.filter((u) => u.role === 'agent').map((u) => userIds[u.email]!);
    const sales = ids.next();
    const support = ids.next();
    await tx.insertInto('agent_groups').values([
      { id: sales, tenant_id: tenantId, name: 'Sales', strategy: 'longest_idle', created_at: now, updated_at: now },
      { id: support, tenant_id: tenantId, name: 'Support', strategy: 'round_robin', created_at: now, updated_at: now },
    ]).execute();
    await tx.insertInto('agent_group_members').values([
      { group_id: sales, user_id: agents[0]!, tenant_id: tenantId, position: 0 },
      { group_id: sales, user_id: agents[1]!, tenant_id: tenantId, position: 1 },
      { group_id: support, user_id: agents[1]!, tenant_id: tenantId, position: 0 },
      { group_id: support, user_id: agents[2]!, tenant_id: tenantId, position: 1 },
    ]).execute();
    const channelId = ids.next();
    await tx.insertInto('channels').values({
      id: channelId, tenant_id: tenantId, type: 'whatsapp', name: DEMO.channel.name, display_number: '+622150000001', country: 'ID',
      phone_number_id: DEMO.channel.phone_number_id, waba_id: DEMO.channel.waba_id, access_token: DEMO.channel.access_token,
      app_secret: DEMO.channel.app_secret, verify_token: DEMO.channel.verify_token, voice_calling_enabled: true,
      incoming_target: JSON.stringify({ type: 'agent_groups', agent_group_ids: [support] }), prompts: '{}', health: '{}',
      created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('channel_members').values(agents.map((a) => ({ channel_id: channelId, user_id: a, tenant_id: tenantId }))).execute();
    const rr = ids.next();
    await tx.insertInto('ring_groups').values({ id: rr, tenant_id: tenantId, channel_id: channelId, name: 'Front desk', mode: 'round_robin', created_at: now, updated_at: now }).execute();
    await tx.insertInto('ring_group_members').values(agents.map((a, i) => ({ ring_group_id: rr, channel_id: channelId, user_id: a, tenant_id: tenantId, position: i }))).execute();
    // Voice calling is on, so the tenant meets its prerequisites: a rate table and a funded balance.
    await tx.insertInto('voice_rates').values(DEMO.rates.map((r) => ({ id: ids.next(), tenant_id: tenantId, country: r.country, rate_per_minute_minor: r.rate_per_minute_minor, created_at: now, updated_at: now }))).execute();
    const locked = await lockVoiceBalance(tx, tenantId, now);
    const credit = topUp({ currency: locked.currency, amountMinor: locked.balanceMinor }, DEMO.initialTopUpMinor, now);
    if (!credit.ok) throw new Error(credit.message);
    const posting = { ...credit.value, entry: { ...credit.value.entry, note: 'Demo opening balance' } };
    await recordPosting(tx, locked, posting, { id: ids.next(), createdBy: userIds[DEMO.users[0].email] ?? null, now });
  });
  return { created: true, tenantId };
}
