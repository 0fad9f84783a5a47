import { z } from 'zod';
import { resolveSettings, tenantSettingsSchema, type TenantSettings } from '../../domain/settings.js';
import { json } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { loadSettings } from '../tenants/tenant-settings.js';

/** One setting as the admin console shows it: its type, default, bounds and meaning (from the zod schema). */
export interface SettingDescription {
  key: string;
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  description: string;
}

interface JsonSchemaProperty {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  description?: string;
}

/** The settings catalogue, derived once from the schema so it cannot drift from validation. */
export function describeSettings(): SettingDescription[] {
  const js = z.toJSONSchema(tenantSettingsSchema, { io: 'input' }) as { properties: Record<string, JsonSchemaProperty> };
  return Object.entries(js.properties).map(([key, p]) => ({
    key,
    type: p.type ?? 'string',
    default: p.default,
    ...(p.minimum !== undefined ? { minimum: p.minimum } : {}),
    ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
    ...(p.enum !== undefined ? { enum: p.enum } : {}),
    description: p.description ?? '',
  }));
}

/** Tenant settings (SPEC: every bold default). Stored as the keys a tenant changed; read merged over the defaults. */
export function createSettingsService(deps: Pick<CoreDeps, 'db'>) {
  const { db } = deps;
  const catalogue = describeSettings();

  return {
    get: (actor: Actor): Promise<TenantSettings> => loadSettings(db, actor.tenantId),

    describe: (): { items: SettingDescription[]; next_cursor: null } => ({ items: catalogue, next_cursor: null }),

    /** Applies the keys given (already validated); other stored keys stay as they are. */
    async update(actor: Actor, patch: Partial<TenantSettings>): Promise<TenantSettings> {
      return db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('tenants').select('settings').where('id', '=', actor.tenantId).forUpdate().executeTakeFirstOrThrow();
        const stored = { ...(row.settings ?? {}), ...patch };
        await tx.updateTable('tenants').set({ settings: json(stored) }).where('id', '=', actor.tenantId).execute();
        return resolveSettings(stored);
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
