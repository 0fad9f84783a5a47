import type { DbOrTx } from '../deps.js';

/**
 * A stored provider event being applied. The transaction that applies it marks it applied in the same
 * commit (one statement fewer, and no window where the work is committed but the event still pending);
 * `recorded` tells the events service it need not mark it itself.
 */
export interface AppliedReceipt {
  eventId: string;
  /** The attempt this is (stored with the mark). */
  attempts: number;
  recorded: boolean;
}

export function markAppliedQuery(db: DbOrTx, receipt: AppliedReceipt, at: Date) {
  return db.updateTable('webhook_events').set({ applied_at: at, attempts: receipt.attempts, last_error: null }).where('id', '=', receipt.eventId);
}
