import { parsePhoneNumber } from '../phone-numbers/normalize-phone-number.js';
import type { CoreDeps, DbOrTx } from '../deps.js';

/**
 * The tenant's contact for a WhatsApp number, created on first contact. WhatsApp numbers are real
 * by definition, so one the phone library does not know is still kept (as +digits, country unknown).
 */
export async function contactForNumber(
  deps: Pick<CoreDeps, 'clock' | 'ids'>, tx: DbOrTx, tenantId: string, number: string, profileName: string | null,
): Promise<{ id: string; name: string | null; phone_e164: string; created: boolean }> {
  // A WhatsApp user with a username may come without a phone: keyed by their business-scoped user id.
  const userId = number.startsWith('user:') ? number.slice(5) : null;
  const parsed = userId ? null : parsePhoneNumber(number);
  const e164 = userId ? `user:${userId}` : (parsed?.e164 ?? `+${number.replace(/[^\d]/g, '')}`);
  const now = deps.clock.now();
  const inserted = await tx
    .insertInto('contacts')
    .values({
      id: deps.ids.next(), tenant_id: tenantId, phone_e164: e164, country: parsed?.country ?? null, name: profileName,
      wa_id: userId ?? e164.slice(1), created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'phone_e164']).doNothing())
    .returning(['id', 'name', 'phone_e164'])
    .executeTakeFirst();
  if (inserted) return { ...inserted, created: true };
  const existing = await tx
    .selectFrom('contacts').select(['id', 'name', 'phone_e164'])
    .where('tenant_id', '=', tenantId).where('phone_e164', '=', e164)
    .executeTakeFirstOrThrow();
  if (!existing.name && profileName) {
    await tx.updateTable('contacts').set({ name: profileName, updated_at: now }).where('id', '=', existing.id).execute();
    return { ...existing, name: profileName, created: false };
  }
  return { ...existing, created: false };
}
