import { describe, expect, it } from 'vitest';
import type { PauseReason } from '../api/types.js';
import { presence, t } from '../testing/fixtures.js';
import { parseStatusValue, statusSwitchModel } from './status-switch.js';

const reasons: PauseReason[] = [
  { id: 'r-lunch', name: 'Lunch', system_key: null },
  { id: 'r-missed', name: 'Missed calls', system_key: 'missed_calls' },
];

describe('status switch', () => {
  it('offers available, each chosen pause reason, after-call work and offline', () => {
    const m = statusSwitchModel(presence(), reasons, t);
    expect(m.options.map((o) => o.label)).toEqual(['Available', 'Paused · Lunch', 'After-call work', 'Offline']);
    expect(m).toMatchObject({ value: 'available', label: 'Available', tone: 'available', busy: false });
  });

  it('shows a system pause (missed calls) without offering it', () => {
    const m = statusSwitchModel(presence({ status: 'paused', effective_status: 'paused', pause_reason_id: 'r-missed', pause_reason: 'Missed calls' }), reasons, t);
    expect(m).toMatchObject({ value: 'paused:r-missed', label: 'Paused · Missed calls', tone: 'paused' });
    expect(m.options.filter((o) => o.value === 'paused:r-missed')).toHaveLength(1);
  });

  it('says "On a call" while busy, keeping the chosen status selected', () => {
    const m = statusSwitchModel(presence({ effective_status: 'busy', current_call_id: 'c1' }), reasons, t);
    expect(m).toMatchObject({ busy: true, label: 'On a call', tone: 'busy', value: 'available' });
  });

  it('parses select values back into status changes', () => {
    expect(parseStatusValue('paused:r-lunch')).toEqual({ status: 'paused', pauseReasonId: 'r-lunch' });
    expect(parseStatusValue('after_call_work')).toEqual({ status: 'after_call_work', pauseReasonId: null });
    expect(parseStatusValue('busy')).toBeNull();
  });
});
