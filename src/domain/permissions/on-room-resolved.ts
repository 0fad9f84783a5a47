import { closePendingRequests } from './close-pending-requests.js';
import { toIso, type PermissionState } from './permission-state.js';

/** The room was resolved: requests still without a reply close (a later reply to them is still applied). */
export function onRoomResolved(state: PermissionState, now: Date): { state: PermissionState; closedRequestIds: string[] } {
  const { requests, closedIds } = closePendingRequests(state.requests, 'room_resolved', toIso(now));
  return { state: closedIds.length === 0 ? state : { ...state, requests }, closedRequestIds: closedIds };
}
