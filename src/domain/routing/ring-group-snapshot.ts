export type RingGroupMode = 'round_robin' | 'ring_all';

export interface RingGroupSnapshot {
  id: string;
  mode: RingGroupMode;
  /** ring_all only: ring every signed-in member not on a call, whatever their presence status. */
  ringRegardlessOfStatus: boolean;
  /** In ring order. */
  memberIds: string[];
  /** round_robin only: the member offered last (the pointer moves on whether or not they answered). */
  pointer: string | null;
}
