import type { ReportCall } from '../../domain/reports/index.js';
import type { CallResult } from '../../domain/calls/index.js';

/** The columns of `calls as c` the metrics read. */
export const reportCallColumns = [
  'c.id', 'c.direction', 'c.offered_at', 'c.answered_at', 'c.ended_at', 'c.result', 'c.end_reason', 'c.agent_id',
  'c.talk_seconds', 'c.hold_seconds', 'c.wrap_up_seconds',
] as const;

export interface ReportCallRow {
  direction: 'inbound' | 'outbound';
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  result: CallResult | null;
  end_reason: string | null;
  agent_id: string | null;
  talk_seconds: number | null;
  hold_seconds: number;
  wrap_up_seconds: number | null;
}

const ms = (d: Date | null) => (d === null ? null : d.getTime());

export const toReportCall = (r: ReportCallRow): ReportCall => ({
  direction: r.direction,
  offeredAt: ms(r.offered_at),
  answeredAt: ms(r.answered_at),
  endedAt: ms(r.ended_at),
  result: r.result,
  endReason: r.end_reason,
  agentId: r.agent_id,
  talkSeconds: r.talk_seconds,
  holdSeconds: r.hold_seconds,
  wrapUpSeconds: r.wrap_up_seconds,
});
