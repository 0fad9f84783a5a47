import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../deps.js';

/** Every id must be a user of the tenant; otherwise 404 naming the unknown ids (ids of other tenants are unknown too). */
export async function assertTenantUsers(tx: DbOrTx, tenantId: string, userIds: string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const found = await tx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', 'in', userIds).execute();
  const known = new Set(found.map((r) => r.id));
  const missing = userIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', 'No such user in this tenant.', { field, user_ids: missing });
}
