import { sql } from 'kysely';
import type { CallHours, ChannelHealth, ChannelPrompts, IncomingTarget } from '../../store/schema/index.js';
import type { DbOrTx } from '../deps.js';

/** A channel as the API shows it. Access token and app secret are write-only: only whether they are set. */
export interface ChannelView {
  id: string;
  type: 'whatsapp' | 'voice';
  name: string;
  display_number: string;
  country: string | null;
  phone_number_id: string | null;
  waba_id: string | null;
  has_access_token: boolean;
  has_app_secret: boolean;
  /** Admins only: the value to paste into Meta's webhook settings. */
  verify_token?: string | null;
  /** The callback URL to configure at Meta (one per deployment). */
  webhook_url: string;
  voice_calling_enabled: boolean;
  inbound_enabled: boolean;
  outbound_enabled: boolean;
  transfer_enabled: boolean;
  recording_enabled: boolean;
  disposition_mandatory: boolean;
  call_icon_visibility: 'DEFAULT' | 'DISABLE_ALL';
  callback_permission_enabled: boolean;
  call_hours: CallHours | null;
  incoming_target: IncomingTarget | null;
  prompts: ChannelPrompts;
  recontact_template: string | null;
  health: ChannelHealth;
  member_ids: string[];
  created_at: Date;
  updated_at: Date;
}

/** Selects channels without ever reading the secret columns' values. */
export function selectChannels(tx: DbOrTx, tenantId: string) {
  return tx
    .selectFrom('channels as c')
    .select([
      'c.id', 'c.type', 'c.name', 'c.display_number', 'c.country', 'c.phone_number_id', 'c.waba_id', 'c.verify_token',
      sql<boolean>`c.access_token is not null`.as('has_access_token'),
      sql<boolean>`c.app_secret is not null`.as('has_app_secret'),
      'c.voice_calling_enabled', 'c.inbound_enabled', 'c.outbound_enabled', 'c.transfer_enabled', 'c.recording_enabled',
      'c.disposition_mandatory', 'c.call_icon_visibility', 'c.callback_permission_enabled', 'c.call_hours', 'c.incoming_target',
      'c.prompts', 'c.recontact_template', 'c.health', 'c.created_at', 'c.updated_at',
    ])
    .where('c.tenant_id', '=', tenantId);
}

type ChannelRow = Awaited<ReturnType<ReturnType<typeof selectChannels>['execute']>>[number];

export async function toChannelViews(tx: DbOrTx, rows: ChannelRow[], opts: { webhookUrl: string; showVerifyToken: boolean }): Promise<ChannelView[]> {
  const members = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  if (rows.length > 0) {
    const found = await tx.selectFrom('channel_members').select(['channel_id', 'user_id']).where('channel_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
    for (const m of found) members.get(m.channel_id)?.push(m.user_id);
  }
  return rows.map(({ verify_token, ...r }) => ({
    ...r,
    has_access_token: Boolean(r.has_access_token),
    has_app_secret: Boolean(r.has_app_secret),
    ...(opts.showVerifyToken ? { verify_token } : {}),
    webhook_url: opts.webhookUrl,
    member_ids: members.get(r.id) ?? [],
  }));
}
