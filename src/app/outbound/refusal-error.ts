import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { DbOrTx } from '../deps.js';

/** Who to ask for a top-up (SPEC §5): the tenant's active admins. */
export async function topUpContacts(q: DbOrTx, tenantId: string): Promise<{ id: string; name: string; email: string }[]> {
  return q
    .selectFrom('users').select(['id', 'name', 'email'])
    .where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('disabled', '=', false)
    .orderBy('name')
    .execute();
}

/** A refused check as the error the API answers; a balance refusal also says which admins can top up. */
export async function refusalError(
  q: DbOrTx, tenantId: string, refusal: { code: ErrorCode; message: string; details?: Record<string, unknown> | undefined },
): Promise<AppError> {
  const details = { ...(refusal.details ?? {}) };
  if (refusal.code === 'INSUFFICIENT_BALANCE') details.top_up_contacts = await topUpContacts(q, tenantId);
  return new AppError(refusal.code, refusal.message, details);
}
