import { sql } from 'kysely';
import type { ProviderEvent } from '../ports/provider-event.js';
import type { ChannelHealth } from '../../store/schema/index.js';
import { json } from '../../store/schema/index.js';
import type { CoreDeps, DbOrTx } from '../deps.js';
import type { Audience } from '../events.js';
import type { ChannelView } from './channel-view.js';

type AccountUpdate = Extract<ProviderEvent, { kind: 'account.update' }>;

/** Meta's view of the number's calling, as its settings webhooks last reported it. */
export interface MetaCallingState {
  status: string | null;
  call_icon_visibility: string | null;
  callback_permission_status: string | null;
  sip_status: string | null;
  srtp_key_exchange_protocol: string | null;
  reported_at: string;
}

/** What `channels.health` holds (jsonb): Meta's reports. Answer rates are computed when read. */
export interface StoredHealth extends ChannelHealth {
  restrictions?: { type: string; expiration: string | null; reported_at: string }[];
  violations?: { type: string; reported_at: string }[];
  meta_calling?: MetaCallingState;
}

export interface AnswerRate {
  /** Inbound calls that ended in the period. */
  received: number;
  /** Of those, picked up (answered by an agent, or accepted at WhatsApp into a queue, IVR or voicemail). */
  answered: number;
  /** answered ÷ received, 0..1 with 3 decimals; null without calls. */
  rate: number | null;
}

/** The health section of `GET /api/channels/:id`. */
export interface ChannelHealthView extends StoredHealth {
  answer_rate_7d: number | null;
  answer_rate_30d: number | null;
  calls_7d: AnswerRate;
  calls_30d: AnswerRate;
  restrictions: { type: string; expiration: string | null; reported_at: string; active: boolean }[];
  violations: { type: string; reported_at: string }[];
}

export const admins: Audience = { roles: ['admin'] };

const DAY_MS = 86_400_000;

export const answerRate = (received: number, answered: number): AnswerRate => ({
  received, answered, rate: received > 0 ? Math.round((answered / received) * 1000) / 1000 : null,
});

/**
 * Folds an `account_update` into the stored health: a violation is recorded (once per type, with
 * when it was last reported); a restriction replaces the previous one of its type, with its expiry.
 * Other account events change nothing (null).
 */
export function mergeAccountUpdate(health: StoredHealth, e: Pick<AccountUpdate, 'event' | 'violationType' | 'restrictions'>, now: Date): StoredHealth | null {
  const reported_at = now.toISOString();
  if (e.event === 'ACCOUNT_VIOLATION' && e.violationType) {
    const others = (health.violations ?? []).filter((v) => v.type !== e.violationType);
    return { ...health, violations: [...others, { type: e.violationType, reported_at }] };
  }
  if (e.event === 'ACCOUNT_RESTRICTION' && e.restrictions.length > 0) {
    const types = new Set(e.restrictions.map((r) => r.type));
    const kept = (health.restrictions ?? []).filter((r) => !types.has(r.type));
    const added = e.restrictions.map((r) => ({ type: r.type, expiration: r.expiration?.toISOString() ?? null, reported_at }));
    return { ...health, restrictions: [...kept, ...added] };
  }
  return null;
}

/** The stored health plus the answer rates and whether each restriction is still in force. */
export function healthView(stored: StoredHealth, rates: { d7: AnswerRate; d30: AnswerRate }, now: Date): ChannelHealthView {
  return {
    ...stored,
    answer_rate_7d: rates.d7.rate,
    answer_rate_30d: rates.d30.rate,
    calls_7d: rates.d7,
    calls_30d: rates.d30,
    restrictions: (stored.restrictions ?? []).map((r) => ({ ...r, active: r.expiration === null || Date.parse(r.expiration) > now.getTime() })),
    violations: stored.violations ?? [],
  };
}

/**
 * Calling health of a channel (SPEC §2): Meta's violations and restrictions (`account_update`),
 * stored on the channel and pushed to admins as `channel.health_changed`, and the inbound answer
 * rate over 7 and 30 days computed from the call records.
 */
export function createChannelHealth(deps: Pick<CoreDeps, 'db' | 'clock' | 'events' | 'log'>) {
  const { db, clock, events, log } = deps;

  async function rates(q: DbOrTx, channelId: string): Promise<{ d7: AnswerRate; d30: AnswerRate }> {
    const now = clock.now();
    const since7 = new Date(now.getTime() - 7 * DAY_MS);
    const since30 = new Date(now.getTime() - 30 * DAY_MS);
    const picked = sql<boolean>`(answered_at is not null or provider_accepted)`;
    const row = await q
      .selectFrom('calls')
      .select([
        sql<string>`count(*) filter (where created_at >= ${since7})`.as('received_7d'),
        sql<string>`count(*) filter (where created_at >= ${since7} and ${picked})`.as('answered_7d'),
        sql<string>`count(*)`.as('received_30d'),
        sql<string>`count(*) filter (where ${picked})`.as('answered_30d'),
      ])
      .where('channel_id', '=', channelId)
      .where('direction', '=', 'inbound')
      .where('status', '=', 'ended')
      .where('created_at', '>=', since30)
      .where('created_at', '<=', now)
      .executeTakeFirstOrThrow();
    return { d7: answerRate(Number(row.received_7d), Number(row.answered_7d)), d30: answerRate(Number(row.received_30d), Number(row.answered_30d)) };
  }

  /** Writes new health under the channel's row lock and tells the admins. */
  async function update(channel: { id: string; tenant_id: string }, change: (h: StoredHealth) => StoredHealth | null): Promise<boolean> {
    const next = await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('channels').select('health').where('id', '=', channel.id).forUpdate().executeTakeFirst();
      if (!row) return null;
      const updated = change((row.health ?? {}) as StoredHealth);
      if (!updated) return null;
      await tx.updateTable('channels').set({ health: json(updated as ChannelHealth), updated_at: clock.now() }).where('id', '=', channel.id).execute();
      return { health: healthView(updated, await rates(tx, channel.id), clock.now()) };
    });
    if (!next) return false;
    events.publish([{ type: 'channel.health_changed', tenantId: channel.tenant_id, audience: admins, data: { channel_id: channel.id, health: next.health } }]);
    return true;
  }

  return {
    rates: (channelId: string) => rates(db, channelId),
    update,

    /** `account_update` webhook: ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION land in the channel's health. */
    async applyAccountUpdate(channel: { id: string; tenant_id: string }, e: AccountUpdate): Promise<void> {
      const changed = await update(channel, (h) => mergeAccountUpdate(h, e, clock.now()));
      log.info({ channelId: channel.id, event: e.event, violation: e.violationType, restrictions: e.restrictions.map((r) => r.type), changed }, 'WhatsApp account update');
    },

    /** The channel as `GET /api/channels/:id` shows it: with answer rates and restriction state. */
    async withHealth(view: ChannelView): Promise<ChannelView> {
      const health = healthView((view.health ?? {}) as StoredHealth, await rates(db, view.id), clock.now());
      return { ...view, health };
    },
  };
}

export type ChannelHealthService = ReturnType<typeof createChannelHealth>;
