import type { Wallboard } from '../api/report-types.js';
import { iso, T0 } from './fixtures.js';

export const AGENT = 'agent-1';

/** A wallboard snapshot at T0: one available agent, one call queued for 40 s. */
export function board(over: Partial<Wallboard> = {}): Wallboard {
  return {
    now: iso(T0), time_zone: 'Asia/Jakarta', day_start: iso(T0 - 3_600_000),
    agents: [{ user_id: AGENT, name: 'Agus', role: 'agent', effective_status: 'available', status: 'available', pause_reason: null, since: iso(T0 - 60_000), seconds_in_status: 60, current_call_id: null }],
    agents_by_status: { available: 1, busy: 0, after_call_work: 0, paused: 0, offline: 0 },
    waiting: [{
      id: 'w1', status: 'queued', direction: 'inbound', channel_id: 'ch-1', channel_name: 'Demo WhatsApp', customer_number: '+62811', contact_name: null,
      agent_id: null, agent_name: null, agent_group_id: 'g', agent_group_name: 'Support', offered_at: iso(T0 - 40_000), answered_at: null, seconds: 40, duration: '00:00:40',
    }],
    in_progress: [],
    today: { offered: 10, answered: 8, unanswered: 2, voicemail: 0, abandoned: 1, short_abandoned: 0, service_level_pct: 70, asa_seconds: 12, abandonment_rate_pct: 10, service_level_threshold_s: 20 },
    ...over,
  };
}

