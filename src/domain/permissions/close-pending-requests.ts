import type { PermissionRequestRecord, RequestCloseReason } from './permission-state.js';

/** Closes the pending requests `which` selects; returns the new list and the ids it closed. */
export function closePendingRequests(
  requests: readonly PermissionRequestRecord[], reason: RequestCloseReason, at: string,
  which: (r: PermissionRequestRecord) => boolean = () => true,
): { requests: PermissionRequestRecord[]; closedIds: string[] } {
  const closedIds: string[] = [];
  const next = requests.map((r) => {
    if (r.status !== 'pending' || !which(r)) return r;
    closedIds.push(r.id);
    return { ...r, status: reason === 'expired' ? ('expired' as const) : ('closed' as const), endedAt: at, endReason: reason };
  });
  return { requests: next, closedIds };
}
