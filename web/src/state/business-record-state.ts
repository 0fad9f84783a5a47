/** Which business record is open on this desk, and the calls still waiting for a mandatory disposition. */
export interface BusinessRecordUi {
  openCallId: string | null;
  pending: { callId: string; channelId: string; paused: boolean }[];
}

export const initialBusinessRecordUi: BusinessRecordUi = { openCallId: null, pending: [] };

export type BusinessRecordUiEvent =
  | { kind: 'open'; callId: string }
  | { kind: 'close' }
  /** `business_record.required`: the agent's call ended on a channel that needs a disposition. */
  | { kind: 'required'; callId: string; channelId: string; paused: boolean }
  /** A disposition was saved (by anyone) for the call. */
  | { kind: 'disposed'; callId: string };

export function businessRecordUiReducer(s: BusinessRecordUi, e: BusinessRecordUiEvent): BusinessRecordUi {
  switch (e.kind) {
    case 'open':
      return { ...s, openCallId: e.callId };
    case 'close':
      return { ...s, openCallId: null };
    case 'required':
      // The record opens by itself so the agent disposes the call at once (unless another is open).
      return {
        openCallId: s.openCallId ?? e.callId,
        pending: [...s.pending.filter((p) => p.callId !== e.callId), { callId: e.callId, channelId: e.channelId, paused: e.paused }],
      };
    case 'disposed':
      return s.pending.some((p) => p.callId === e.callId) ? { ...s, pending: s.pending.filter((p) => p.callId !== e.callId) } : s;
  }
}
