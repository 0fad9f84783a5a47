import { describe, expect, it } from 'vitest';
import { businessRecordUiReducer, initialBusinessRecordUi } from './business-record-state.js';

describe('business record on the desk', () => {
  it('opens by itself when a disposition is required, and forgets the call once disposed', () => {
    let s = businessRecordUiReducer(initialBusinessRecordUi, { kind: 'required', callId: 'c1', channelId: 'ch', paused: true });
    expect(s).toEqual({ openCallId: 'c1', pending: [{ callId: 'c1', channelId: 'ch', paused: true }] });
    s = businessRecordUiReducer(s, { kind: 'disposed', callId: 'c1' });
    expect(s.pending).toEqual([]);
    expect(s.openCallId).toBe('c1');
    s = businessRecordUiReducer(s, { kind: 'close' });
    expect(s.openCallId).toBeNull();
  });

  it('does not take over a record the agent has open, and keeps one entry per call', () => {
    let s = businessRecordUiReducer(initialBusinessRecordUi, { kind: 'open', callId: 'c0' });
    s = businessRecordUiReducer(s, { kind: 'required', callId: 'c1', channelId: 'ch', paused: false });
    s = businessRecordUiReducer(s, { kind: 'required', callId: 'c1', channelId: 'ch', paused: true });
    expect(s.openCallId).toBe('c0');
    expect(s.pending).toEqual([{ callId: 'c1', channelId: 'ch', paused: true }]);
  });

  it('a disposition of an unknown call changes nothing', () => {
    const s = businessRecordUiReducer(initialBusinessRecordUi, { kind: 'disposed', callId: 'x' });
    expect(s).toBe(initialBusinessRecordUi);
  });
});
