import { resolveSettings, type TenantSettings } from '../../domain/settings.js';
import type { DbOrTx } from '../deps.js';

export async function loadSettings(db: DbOrTx, tenantId: string): Promise<TenantSettings> {
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return resolveSettings(row?.settings);
}
