import { z } from 'zod';

const int = (min: number, max: number, def: number, description: string) =>
  z.number().int().min(min).max(max).default(def).describe(description);

/**
 * Every tenant-level default of the spec, typed and bounded. Stored as a partial object: what a
 * tenant never changed keeps following the default here.
 */
export const tenantSettingsSchema = z.strictObject({
  time_zone: z.string().min(1).max(64).default('Asia/Jakarta').describe('IANA time zone for reports, calling hours and callbacks.'),
  // Inbound (SPEC §4)
  ring_timeout_s: int(5, 120, 30, 'Seconds an offer rings one agent before it counts as missed.'),
  auto_pause_after_missed: int(0, 20, 3, 'Missed offers in a row that pause an agent with the reason "Missed calls" (0 = off).'),
  force_auto_answer: z.boolean().default(false).describe('Answer every offered call automatically for all agents.'),
  queue_waiting_prompt_interval_s: int(10, 300, 30, 'Seconds between repeats of the queue-waiting prompt.'),
  queue_max_wait_s: int(10, 3600, 120, 'Longest wait in a queue before the caller is sent to voicemail.'),
  missed_call_sends_permission_request: z.boolean().default(false).describe('A missed inbound call sends a call-permission request (within the limits).'),
  // In-call (SPEC §6)
  hold_auto_retrieve_s: int(10, 3600, 300, 'A held call comes back to the agent after this many seconds.'),
  auto_hangup_s: int(0, 86400, 0, 'Hang up a connected call after this many seconds (0 = off).'),
  media_watchdog_s: int(10, 300, 30, 'End a call whose caller media stopped for this long.'),
  // Presence (SPEC §1)
  presence_grace_s: int(5, 3600, 60, 'An agent whose last desk connection closed this long ago goes offline.'),
  // Outbound and permissions (SPEC §5)
  permission_request_expiry_h: int(1, 168, 72, 'A call-permission request without reply closes after this many hours.'),
  business_calls_per_24h: int(1, 100, 10, 'Connected business-initiated calls per customer per 24 h.'),
  outbound_ring_timeout_s: int(10, 120, 45, 'How long a business-initiated call rings before it counts as unanswered.'),
  // Billing (SPEC §5)
  billing_granularity: z.enum(['per_minute', 'pulse_6s']).default('per_minute').describe('Bill business calls per started minute or per 6-second pulse.'),
  minimum_balance_minor: int(0, 1_000_000_000_000, 50_000, 'Balance (minor units) needed to place a call or send an invite.'),
  minimum_top_up_minor: int(1, 1_000_000_000_000, 50_000, 'Smallest top-up accepted (minor units).'),
  // Callbacks (SPEC §9)
  callback_offer_lead_min: int(0, 60, 5, 'Minutes before a scheduled callback that it is offered (X).'),
  callback_accept_window_min: int(1, 60, 2, 'Minutes a group callback offer waits for Accept or Cancel (M).'),
  callback_expiry_min: int(1, 240, 10, 'Minutes after which an unaccepted callback expires (N).'),
  callback_max_days: int(1, 90, 30, 'How far ahead a callback may be scheduled.'),
  callbacks_queued_per_extension: int(1, 10, 2, 'Callbacks queued per extension at once.'),
  // Reports (SPEC §7)
  service_level_threshold_s: int(1, 600, 20, 'Answered within this many seconds counts toward service level (T).'),
  short_abandon_s: int(0, 60, 5, 'Abandoned within this many seconds counts as short-abandoned.'),
});

export type TenantSettings = z.output<typeof tenantSettingsSchema>;

/** The patch an admin sends: any subset of the settings, each within bounds, unknown keys rejected. */
export const tenantSettingsPatchSchema = tenantSettingsSchema.partial();

/** Settings as stored (possibly from an older version) merged over the defaults. Unknown or out-of-bounds stored keys fall back. */
export function resolveSettings(stored: Record<string, unknown> | null | undefined): TenantSettings {
  const result: Record<string, unknown> = {};
  const shape = tenantSettingsSchema.shape as Record<string, z.ZodType>;
  for (const [key, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(stored?.[key]);
    result[key] = parsed.success ? parsed.data : schema.parse(undefined);
  }
  return result as TenantSettings;
}

export const defaultSettings = (): TenantSettings => resolveSettings({});
