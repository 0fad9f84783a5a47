import type { CallFilters } from '../api/supervisor-api.js';
import type { CallDetail, CallRecord } from '../api/types.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { formatDuration } from './format-duration.js';
import { formatDateTime, type TimeFormat } from './format-time.js';
import { formatMoney } from './money.js';
import { fromLocalInput, presetRange, type RangePreset } from './zoned-time.js';

/** The filter bar of the records page, as the inputs hold it ('' = any). */
export interface RecordFilters {
  range: RangePreset;
  /** `datetime-local` values, read in the user's time zone when the range is custom. */
  fromLocal: string;
  toLocal: string;
  channel_id: string;
  agent_id: string;
  agent_group_id: string;
  result: string;
  direction: '' | 'inbound' | 'outbound';
  channel_type: '' | 'whatsapp' | 'voice';
}

export const emptyFilters: RecordFilters = {
  range: 'last7', fromLocal: '', toLocal: '', channel_id: '', agent_id: '', agent_group_id: '', result: '', direction: '', channel_type: '',
};

export type FiltersResult = { ok: true; query: CallFilters } | { ok: false; error: MessageKey };

/** The filters as `GET /api/calls` (and its CSV export) query: times in the user's zone, [from, to). */
export function filtersToQuery(f: RecordFilters, now: number, timeZone: string): FiltersResult {
  let range: { from: number; to: number } | null;
  if (f.range === 'custom') {
    const from = f.fromLocal ? fromLocalInput(f.fromLocal, timeZone) : null;
    const to = f.toLocal ? fromLocalInput(f.toLocal, timeZone) : null;
    if ((f.fromLocal && from === null) || (f.toLocal && to === null)) return { ok: false, error: 'records.filters.badDate' };
    if (from !== null && to !== null && from >= to) return { ok: false, error: 'records.filters.badRange' };
    range = from === null && to === null ? null : { from: from ?? 0, to: to ?? Number.NaN };
  } else {
    range = presetRange(f.range, now, timeZone);
  }
  const query: CallFilters = {};
  if (range && range.from > 0) query.from = new Date(range.from).toISOString();
  if (range && Number.isFinite(range.to)) query.to = new Date(range.to).toISOString();
  if (f.channel_id) query.channel_id = f.channel_id;
  if (f.agent_id) query.agent_id = f.agent_id;
  if (f.agent_group_id) query.agent_group_id = f.agent_group_id;
  if (f.result) query.result = f.result;
  if (f.direction) query.direction = f.direction;
  if (f.channel_type) query.channel_type = f.channel_type;
  return { ok: true, query };
}

/** How many filters besides the time range are set (the filter button's badge). */
export const activeFilterCount = (f: RecordFilters): number =>
  [f.channel_id, f.agent_id, f.agent_group_id, f.result, f.direction, f.channel_type].filter(Boolean).length;

export type ResultTone = 'ok' | 'missed' | 'live' | 'info';

export const resultTone = (c: Pick<CallRecord, 'status' | 'result'>): ResultTone =>
  c.status !== 'ended' ? 'live' : c.result === 'answered' ? 'ok' : c.result === 'voicemail' ? 'info' : 'missed';

export const resultLabel = (c: Pick<CallRecord, 'status' | 'result'>, t: Translate): string =>
  c.status !== 'ended' ? t('calls.live') : c.result ? t(`result.${c.result}`) : '—';

export interface RecordRow {
  id: string;
  when: string;
  customer: string;
  number: string;
  channel: string;
  channelType: string;
  direction: string;
  inbound: boolean;
  agent: string;
  group: string;
  result: string;
  tone: ResultTone;
  wait: string;
  talk: string;
  recordingUrl: string | null;
  /** Callback places a call to the record's contact on its channel. */
  callback: { contactId: string; channelId: string; number: string; name: string | null } | null;
}

/** Call records as table rows, in the user's time zone; durations `HH:mm:ss`. */
export function recordRows(records: readonly CallRecord[], f: TimeFormat, t: Translate): RecordRow[] {
  return records.map((c) => ({
    id: c.id,
    when: formatDateTime(c.offered_at ?? c.created_at, f),
    customer: c.contact_name ?? c.customer_number,
    number: c.customer_number,
    channel: c.channel_name,
    channelType: t(`records.type.${c.channel_type}`),
    direction: c.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound'),
    inbound: c.direction === 'inbound',
    agent: c.agent_name ?? '—',
    group: c.agent_group_name ?? '—',
    result: resultLabel(c, t),
    tone: resultTone(c),
    wait: c.wait_duration ?? (c.wait_seconds === null ? '—' : formatDuration(c.wait_seconds)),
    talk: c.talk_duration ?? (c.talk_seconds === null ? '—' : formatDuration(c.talk_seconds)),
    recordingUrl: c.has_recording ? (c.recording_url ?? `/api/calls/${c.id}/recording`) : null,
    callback: c.contact_id ? { contactId: c.contact_id, channelId: c.channel_id, number: c.customer_number, name: c.contact_name } : null,
  }));
}

/** Extra fields of a record's detail view. */
export interface RecordDetailFields {
  label: MessageKey;
  value: string;
  mono?: boolean;
}

type DetailExtras = CallDetail & { ended_by?: string | null; hold_duration?: string | null; cost_minor?: number | null; currency?: string | null };

/** Every SPEC §7 field of a call record, labelled, for its details page. */
export function recordDetailFields(c: DetailExtras, f: TimeFormat, t: Translate): RecordDetailFields[] {
  const time = (iso: string | null) => (iso ? formatDateTime(iso, f) : '—');
  const endedBy = c.ended_by ? t(`records.endedBy.${c.ended_by}` as MessageKey) : '—';
  return [
    { label: 'records.field.channelType', value: t(`records.type.${c.channel_type}`) },
    { label: 'calls.direction', value: c.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound') },
    { label: 'records.field.number', value: c.customer_number, mono: true },
    { label: 'records.field.channelNumber', value: `${c.channel_name} · ${c.channel_number}` },
    { label: 'records.field.agent', value: c.agent_name ?? '—' },
    { label: 'records.field.group', value: c.agent_group_name ?? '—' },
    { label: 'records.field.offered', value: time(c.offered_at) },
    { label: 'records.field.answered', value: time(c.answered_at) },
    { label: 'records.field.ended', value: time(c.ended_at) },
    { label: 'records.field.wait', value: c.wait_duration ?? '—', mono: true },
    { label: 'records.field.talk', value: c.talk_duration ?? '—', mono: true },
    { label: 'records.field.hold', value: c.hold_duration ?? '—', mono: true },
    { label: 'calls.result', value: resultLabel(c, t) },
    { label: 'records.field.endedBy', value: endedBy },
    { label: 'records.field.cost', value: formatMoney(c.cost_minor, c.currency ?? 'IDR', f.locale) },
  ];
}
