import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../deps.js';

/**
 * Voice calling may be switched on only when the tenant can be billed (SPEC §2): at least one
 * rate in its rate table and a voice balance (created by the first top-up).
 */
export async function assertCallingPrerequisites(tx: DbOrTx, tenantId: string): Promise<void> {
  const rate = await tx.selectFrom('voice_rates').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  const balance = await tx.selectFrom('voice_balances').select('tenant_id').where('tenant_id', '=', tenantId).executeTakeFirst();
  const missing = [...(rate ? [] : ['voice_rates']), ...(balance ? [] : ['voice_balance'])];
  if (missing.length > 0) {
    throw new AppError('CALLING_PREREQUISITES_MISSING', 'Set up voice rates and top up the voice balance before enabling voice calling.', { missing });
  }
}
