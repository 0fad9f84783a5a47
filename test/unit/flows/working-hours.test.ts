import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src/domain/flows/index.js';
import { flow, start } from './flow-fixtures.js';

const office = (timeZone: string, extra: Record<string, unknown> = {}) => flow([
  {
    id: 'hours', type: 'working_hours', timeZone, closedTarget: 'closed',
    intervals: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }], ...extra,
  },
  { id: 'open', type: 'queue', agentGroupId: 'desk' },
  { id: 'closed', type: 'voicemail' },
  { id: 'holiday', type: 'close', disposition: 'holiday' },
]);

const branch = (f: ReturnType<typeof flow>, iso: string) => {
  const first = start(f, new Date(iso)).effects[0]!;
  return first.type === 'enqueue' ? 'open' : first.type === 'start_voicemail' ? 'closed' : first.type === 'close' ? 'holiday' : first.type;
};

describe('working hours', () => {
  const jakarta = office('Asia/Jakarta'); // UTC+7, no DST

  it('opens at 09:00 local and closes at 17:00 local, judged in the zone, not in UTC', () => {
    expect(branch(jakarta, '2026-03-02T01:59:59Z')).toBe('closed'); // Mon 08:59:59 WIB
    expect(branch(jakarta, '2026-03-02T02:00:00Z')).toBe('open'); //   Mon 09:00 WIB
    expect(branch(jakarta, '2026-03-02T09:59:00Z')).toBe('open'); //   Mon 16:59 WIB
    expect(branch(jakarta, '2026-03-02T10:00:00Z')).toBe('closed'); // Mon 17:00 WIB
  });

  it('uses the local weekday across the date line: Friday 23:00 UTC is Saturday in Jakarta', () => {
    expect(localTime(new Date('2026-03-06T23:00:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-03-07', weekday: 'sat', minutes: 6 * 60 });
    expect(branch(jakarta, '2026-03-06T23:00:00Z')).toBe('closed');
    // Sunday 20:00 UTC is already Monday 03:00 in Jakarta; Monday 02:30 UTC is Monday 09:30.
    expect(branch(jakarta, '2026-03-01T20:00:00Z')).toBe('closed');
    expect(branch(jakarta, '2026-03-02T02:30:00Z')).toBe('open');
  });

  it('holidays are local dates and take the holiday branch (else the closed one)', () => {
    const f = office('Asia/Jakarta', { holidays: ['2026-03-20'], holidayTarget: 'holiday' });
    expect(branch(f, '2026-03-20T03:00:00Z')).toBe('holiday'); // Fri 10:00 WIB
    expect(branch(f, '2026-03-19T18:00:00Z')).toBe('holiday'); // Thu 18:00 UTC = Fri 01:00 WIB
    expect(branch(f, '2026-03-19T03:00:00Z')).toBe('open');
    expect(branch(office('Asia/Jakarta', { holidays: ['2026-03-20'] }), '2026-03-20T03:00:00Z')).toBe('closed');
  });

  it('follows daylight-saving changes of the zone', () => {
    const newYork = office('America/New_York');
    // Before the 8 March 2026 change New York is UTC−5, after it UTC−4: the same UTC time is on different sides of 09:00.
    expect(branch(newYork, '2026-03-06T13:30:00Z')).toBe('closed'); // Fri 08:30 EST
    expect(branch(newYork, '2026-03-06T14:00:00Z')).toBe('open'); //   Fri 09:00 EST
    expect(branch(newYork, '2026-03-09T12:59:00Z')).toBe('closed'); // Mon 08:59 EDT
    expect(branch(newYork, '2026-03-09T13:30:00Z')).toBe('open'); //   Mon 09:30 EDT
  });

  it('an interval may run past midnight into the next day', () => {
    const night = flow([
      { id: 'h', type: 'working_hours', timeZone: 'Asia/Jakarta', closedTarget: 'closed', intervals: [{ days: ['fri'], start: '22:00', end: '06:00', target: 'night' }] },
      { id: 'day', type: 'noop' },
      { id: 'night', type: 'queue', agentGroupId: 'night-shift' },
      { id: 'closed', type: 'voicemail' },
    ]);
    expect(branch(night, '2026-03-06T15:00:00Z')).toBe('open'); //   Fri 22:00 WIB
    expect(branch(night, '2026-03-06T22:59:00Z')).toBe('open'); //   Sat 05:59 WIB
    expect(branch(night, '2026-03-06T23:00:00Z')).toBe('closed'); // Sat 06:00 WIB
    expect(branch(night, '2026-03-07T15:00:00Z')).toBe('closed'); // Sat 22:00 WIB
  });
});
