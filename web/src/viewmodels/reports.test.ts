import { describe, expect, it } from 'vitest';
import type { CallActivity, MetricsReport } from '../api/report-types.js';
import { t } from '../testing/fixtures.js';
import { activityRows, metricTiles } from './reports.js';

const metrics = (over: Partial<MetricsReport> = {}): MetricsReport => ({
  from: '2026-11-24T17:00:00.000Z', to: '2026-11-25T17:00:00.000Z', scope: { kind: 'tenant', name: 'Demo' }, service_level_threshold_s: 20, short_abandon_s: 5,
  offered: 40, answered: 30, abandoned: 6, short_abandoned: 2, answered_within_threshold: 24, service_level_pct: 63.157, asa_seconds: 14.4,
  abandonment_rate_pct: 10.5, aht_seconds: 245.5, handled: 29, asa: '00:00:14', aht: '00:04:06', occupancy_pct: 71.25, ...over,
});

describe('report view models', () => {
  it('shows the SPEC metrics with durations HH:mm:ss and ratios in %', () => {
    const tiles = Object.fromEntries(metricTiles(metrics(), t).map((m) => [m.id, m]));
    expect(tiles.serviceLevel).toMatchObject({ label: 'Service level', value: '63.2%', hint: 'Answered within 20 s ÷ (offered − short-abandoned)' });
    expect(tiles.asa!.value).toBe('00:00:14');
    expect(tiles.aht).toMatchObject({ value: '00:04:06', hint: 'Talk + hold + wrap-up, over 29 calls' });
    expect(tiles.abandoned!.hint).toBe('2 within 5 s (short-abandoned)');
    expect(tiles.occupancy!.value).toBe('71.3%');
  });

  it('shows a dash, not NaN, for empty ratios', () => {
    const tiles = Object.fromEntries(metricTiles(metrics({ service_level_pct: null, asa: null, asa_seconds: null, aht: null, aht_seconds: null, occupancy_pct: null, abandonment_rate_pct: null }), t).map((m) => [m.id, m.value]));
    expect([tiles.serviceLevel, tiles.asa, tiles.aht, tiles.occupancy, tiles.abandonmentRate]).toEqual(['—', '—', '—', '—', '—']);
  });

  it('draws Call Activity bars against the busiest group and explains unanswered', () => {
    const a: CallActivity = {
      from: '', to: '', time_zone: 'Asia/Jakarta', group_by: 'agent', direction: 'inbound',
      groups: [
        { key: 'a1', name: 'Agus', answered: 6, unanswered: 2, voicemail: 0, in_progress: 0, total: 8, by_result: { answered: 6, missed: 1, rejected: 1 } },
        { key: null, name: 'N/A', answered: 0, unanswered: 3, voicemail: 1, in_progress: 0, total: 4, by_result: { unanswered: 2, user_abandon: 1, voicemail: 1 } },
      ],
      totals: { answered: 6, unanswered: 5, voicemail: 1, in_progress: 0, total: 12, by_result: {} },
    };
    const { rows, totals } = activityRows(a, t);
    expect(rows[0]).toMatchObject({ name: 'Agus', widths: { answered: 75, unanswered: 25, voicemail: 0 }, breakdown: 'Rejected 1 · Missed 1' });
    expect(rows[1]).toMatchObject({ name: 'N/A (nobody was offered the call)', widths: { answered: 0, unanswered: 37.5, voicemail: 12.5 }, breakdown: 'Caller hung up 1 · Unanswered 2' });
    expect(totals).toMatchObject({ name: 'Total', total: 12 });
  });
});
