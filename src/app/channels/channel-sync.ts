import { AppError } from '../../domain/errors.js';
import type { CallHours } from '../../store/schema/index.js';
import { json } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import type { MessageSender } from '../ports/provider.js';
import { callHoursSchema } from './call-hours.js';
import type { ChannelHealthService, MetaCallingState, StoredHealth } from './channel-health.js';
import type { ChannelSettingsInput, CreateChannelInput } from './channels-service.js';

/** The channel settings that live at Meta (`POST /{phone-number-id}/settings`, reference §2.2). */
export interface MetaSideSettings {
  call_icon_visibility: 'DEFAULT' | 'DISABLE_ALL';
  callback_permission_enabled: boolean;
  call_hours: CallHours | null;
}

type Calling = Record<string, unknown>;

/** A new channel's Meta-side settings when none are given (the columns' defaults). */
const DEFAULTS: MetaSideSettings = { call_icon_visibility: 'DEFAULT', callback_permission_enabled: false, call_hours: null };

/** JSON with sorted keys: jsonb does not keep key order, so values are compared in this form. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** The Meta-side settings a patch changes, compared with what the channel has now (nothing: {}). */
export function metaSideChanges(current: MetaSideSettings, patch: ChannelSettingsInput): Partial<MetaSideSettings> {
  const out: Partial<MetaSideSettings> = {};
  if (patch.call_icon_visibility !== undefined && patch.call_icon_visibility !== current.call_icon_visibility) out.call_icon_visibility = patch.call_icon_visibility;
  if (patch.callback_permission_enabled !== undefined && patch.callback_permission_enabled !== current.callback_permission_enabled) {
    out.callback_permission_enabled = patch.callback_permission_enabled;
  }
  if (patch.call_hours !== undefined && canonical(patch.call_hours) !== canonical(current.call_hours)) out.call_hours = patch.call_hours;
  return out;
}

/** Fields Meta answers on GET but does not take back on POST. */
function writable(calling: Calling): Calling {
  const { restrictions: _r, ...rest } = calling;
  const sip = rest.sip as Record<string, unknown> | undefined;
  if (sip && typeof sip === 'object') {
    const { app_id: _a, sip_user_password: _p, ...s } = sip;
    rest.sip = s;
  }
  return rest;
}

/**
 * The `calling` object to POST: Meta's current settings with our changes laid over, so fields we
 * do not manage (status, SIP, codecs…) are sent back unchanged whether Meta merges or replaces.
 * Calling hours cleared here are switched off at Meta (their schedule kept).
 */
export function toMetaCalling(current: Calling, changes: Partial<MetaSideSettings>): Calling {
  const out = writable(current);
  if (changes.call_icon_visibility !== undefined) out.call_icon_visibility = changes.call_icon_visibility;
  if (changes.callback_permission_enabled !== undefined) out.callback_permission_status = changes.callback_permission_enabled ? 'ENABLED' : 'DISABLED';
  if (changes.call_hours !== undefined) {
    if (changes.call_hours) out.call_hours = changes.call_hours;
    else if (out.call_hours && typeof out.call_hours === 'object') out.call_hours = { ...(out.call_hours as object), status: 'DISABLED' };
    else delete out.call_hours;
  }
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * What an `account_settings_update` (or a settings GET) means for the channel: the Meta-side
 * columns it reports, and Meta's calling state for the health section. Unknown values are kept
 * in the calling state but never written into a column.
 */
export function fromMetaCalling(calling: Calling, now: Date): { columns: Partial<MetaSideSettings>; state: MetaCallingState } {
  const columns: Partial<MetaSideSettings> = {};
  const icons = str(calling.call_icon_visibility)?.toUpperCase().replace(/\s+/g, '_');
  if (icons === 'DEFAULT' || icons === 'DISABLE_ALL') columns.call_icon_visibility = icons;
  const callback = str(calling.callback_permission_status)?.toUpperCase();
  if (callback === 'ENABLED' || callback === 'DISABLED') columns.callback_permission_enabled = callback === 'ENABLED';
  if (calling.call_hours !== undefined) {
    const hours = callHoursSchema.safeParse(calling.call_hours);
    if (hours.success) columns.call_hours = hours.data as CallHours;
  }
  const sip = calling.sip as Record<string, unknown> | undefined;
  return {
    columns,
    state: {
      status: str(calling.status), call_icon_visibility: str(calling.call_icon_visibility), callback_permission_status: str(calling.callback_permission_status),
      sip_status: str(sip?.status), srtp_key_exchange_protocol: str(calling.srtp_key_exchange_protocol), reported_at: now.toISOString(),
    },
  };
}

/**
 * Keeps a channel's Meta-side calling settings (call icons, callback permission, calling hours)
 * the same here and at Meta: an admin's change (or a new channel's non-default settings) is sent
 * to Meta first — refused → the mapped provider error, nothing saved — and Meta's
 * `account_settings_update` webhooks are applied here.
 */
export function createChannelSync(deps: Pick<CoreDeps, 'db' | 'clock' | 'log'> & {
  provider: Pick<MessageSender, 'getCallingSettings' | 'updateCallingSettings'> | null;
  health: Pick<ChannelHealthService, 'update'>;
}) {
  const { db, clock, log } = deps;

  async function push(creds: { phoneNumberId: string | null; accessToken: string | null }, changes: Partial<MetaSideSettings>, channelId: string | null): Promise<void> {
    if (!deps.provider || !creds.phoneNumberId || !creds.accessToken) {
      throw new AppError('PROVIDER_UNAVAILABLE', 'This channel has no WhatsApp credentials to change its calling settings at Meta.');
    }
    const ch = { phoneNumberId: creds.phoneNumberId, accessToken: creds.accessToken };
    const current = await deps.provider.getCallingSettings(ch);
    await deps.provider.updateCallingSettings(ch, toMetaCalling(current, changes));
    log.info({ channelId, fields: Object.keys(changes) }, 'calling settings synced to WhatsApp');
  }

  return {
    /** Before an admin's change is saved: pushes the Meta-side part of it to Meta (throws when Meta refuses). */
    async beforeUpdate(actor: Actor, channelId: string, patch: ChannelSettingsInput): Promise<void> {
      const row = await db
        .selectFrom('channels')
        .select(['phone_number_id', 'access_token', 'call_icon_visibility', 'callback_permission_enabled', 'call_hours'])
        .where('tenant_id', '=', actor.tenantId).where('id', '=', channelId)
        .executeTakeFirst();
      if (!row) return; // the update answers NOT_FOUND
      const changes = metaSideChanges({ ...row, call_hours: row.call_hours as CallHours | null }, patch);
      if (Object.keys(changes).length === 0) return;
      await push({ phoneNumberId: patch.phone_number_id ?? row.phone_number_id, accessToken: patch.access_token ?? row.access_token }, changes, channelId);
    },

    /** Before a channel is created: Meta-side settings given other than the defaults are pushed to Meta. */
    async beforeCreate(_actor: Actor, input: CreateChannelInput): Promise<void> {
      const changes = metaSideChanges(DEFAULTS, input);
      if (Object.keys(changes).length === 0) return;
      await push({ phoneNumberId: input.phone_number_id, accessToken: input.access_token }, changes, null);
    },

    /** `account_settings_update` webhook → the channel's Meta-side columns and Meta's calling state. */
    async applyProviderSettings(channel: { id: string; tenant_id: string }, calling: Calling): Promise<void> {
      const { columns, state } = fromMetaCalling(calling, clock.now());
      const set: Record<string, unknown> = {};
      if (columns.call_icon_visibility !== undefined) set.call_icon_visibility = columns.call_icon_visibility;
      if (columns.callback_permission_enabled !== undefined) set.callback_permission_enabled = columns.callback_permission_enabled;
      if (columns.call_hours !== undefined) set.call_hours = columns.call_hours === null ? null : json(columns.call_hours);
      if (Object.keys(set).length > 0) await db.updateTable('channels').set({ ...set, updated_at: clock.now() }).where('id', '=', channel.id).execute();
      await deps.health.update(channel, (h: StoredHealth) => {
        const { reported_at: _a, ...before } = h.meta_calling ?? ({} as Partial<MetaCallingState>);
        const { reported_at: _b, ...after } = state;
        return canonical(before) === canonical(after) ? null : { ...h, meta_calling: state };
      });
      log.info({ channelId: channel.id, fields: Object.keys(set), status: state.status }, 'calling settings reported by WhatsApp applied');
    },
  };
}

export type ChannelSync = ReturnType<typeof createChannelSync>;
