import type { CallActivity, MetricsReport } from '../api/report-types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { formatDuration } from './format-duration.js';

export interface MetricTile {
  id: string;
  label: string;
  value: string;
  /** How it is computed (SPEC §7), shown under the figure. */
  hint: string;
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v.toFixed(1).replace(/\.0$/, '')}%`);
const secs = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatDuration(Math.round(v)));

/** The standard metrics of a range and scope as tiles: figures, durations `HH:mm:ss`, ratios in %. */
export function metricTiles(m: MetricsReport, t: Translate): MetricTile[] {
  const tile = (id: string, value: string, vars: Record<string, string | number> = {}): MetricTile => ({
    id, label: t(`reports.metric.${id}` as MessageKey), value, hint: t(`reports.metric.${id}Hint` as MessageKey, vars),
  });
  return [
    tile('offered', String(m.offered)),
    tile('answered', String(m.answered), { count: m.answered_within_threshold, seconds: m.service_level_threshold_s }),
    tile('abandoned', String(m.abandoned), { count: m.short_abandoned, seconds: m.short_abandon_s }),
    tile('serviceLevel', pct(m.service_level_pct), { seconds: m.service_level_threshold_s }),
    tile('asa', m.asa ?? secs(m.asa_seconds)),
    tile('abandonmentRate', pct(m.abandonment_rate_pct)),
    tile('aht', m.aht ?? secs(m.aht_seconds), { count: m.handled }),
    tile('occupancy', pct(m.occupancy_pct ?? null)),
  ];
}

export interface ActivityRow {
  key: string;
  name: string;
  answered: number;
  unanswered: number;
  voicemail: number;
  inProgress: number;
  total: number;
  /** Bar widths in % of the largest group's total. */
  widths: { answered: number; unanswered: number; voicemail: number };
  /** What "unanswered" is made of, e.g. "Missed 2 · Rejected 1". */
  breakdown: string;
}

const unansweredResults = ['rejected', 'missed', 'user_abandon', 'unanswered', 'failed'] as const;

/** Call Activity as rows with stacked bars (answered / unanswered / voicemail), plus the totals row. */
export function activityRows(a: CallActivity, t: Translate): { rows: ActivityRow[]; totals: ActivityRow } {
  const max = Math.max(1, ...a.groups.map((g) => g.total));
  const row = (key: string, name: string, g: CallActivity['totals'], scale: number): ActivityRow => ({
    key, name, answered: g.answered, unanswered: g.unanswered, voicemail: g.voicemail, inProgress: g.in_progress, total: g.total,
    widths: { answered: (g.answered / scale) * 100, unanswered: (g.unanswered / scale) * 100, voicemail: (g.voicemail / scale) * 100 },
    breakdown: unansweredResults.filter((r) => (g.by_result[r] ?? 0) > 0).map((r) => `${t(`result.${r}`)} ${g.by_result[r]}`).join(' · '),
  });
  return {
    rows: a.groups.map((g) => row(g.key ?? 'none', g.key === null ? (a.group_by === 'agent' ? t('reports.noAgent') : t('reports.noGroup')) : g.name, g, max)),
    totals: row('total', t('reports.total'), a.totals, Math.max(1, a.totals.total)),
  };
}
