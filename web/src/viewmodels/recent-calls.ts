import type { CallRecord } from '../api/types.js';
import type { Translate } from '../i18n/translate.js';
import { formatDuration } from './format-duration.js';
import { formatDateTime, type TimeFormat } from './format-time.js';

export interface RecentCallRow {
  id: string;
  when: string;
  customer: string;
  direction: string;
  result: string;
  tone: 'ok' | 'missed' | 'live' | 'info';
  duration: string;
}

/** Call records as rows of the desk's "recent calls" table, in the user's time zone. */
export function recentCallRows(calls: readonly CallRecord[], f: TimeFormat, t: Translate): RecentCallRow[] {
  return calls.map((c) => {
    const live = c.status !== 'ended';
    const tone: RecentCallRow['tone'] = live ? 'live' : c.result === 'answered' ? 'ok' : c.result === 'voicemail' ? 'info' : 'missed';
    return {
      id: c.id,
      when: formatDateTime(c.offered_at ?? c.created_at, f),
      customer: c.contact_name ? `${c.contact_name} (${c.customer_number})` : c.customer_number,
      direction: c.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound'),
      result: live ? t('calls.live') : c.result ? t(`result.${c.result}`) : '—',
      tone,
      duration: c.talk_duration ?? formatDuration(c.talk_seconds),
    };
  });
}
