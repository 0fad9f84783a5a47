import { Readable } from 'node:stream';
import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import { formatDuration } from '../../domain/calls/index.js';
import { csvRow, formatZonedIso } from '../../domain/reports/index.js';
import type { CallsTable } from '../../store/schema/index.js';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../deps.js';
import { reportSettings } from '../reports/report-settings.js';
import { createCallQueries, type CallListQuery } from './call-queries.js';
import { visibleCallsExpression } from './call-search.js';

/** The filters of `GET /api/calls`, without its page. */
export type CallListFilter = Omit<CallListQuery, 'limit' | 'cursor'>;

const eb = expressionBuilder<{ c: CallsTable }, 'c'>();

/** `GET /api/calls` filters as one expression over `calls as c` (null: none). */
export function listFilterExpression(q: CallListFilter): Expression<SqlBool> | null {
  const parts: Expression<SqlBool>[] = [];
  if (q.from) parts.push(eb('c.created_at', '>=', q.from));
  if (q.to) parts.push(eb('c.created_at', '<', q.to));
  if (q.channel_id) parts.push(eb('c.channel_id', '=', q.channel_id));
  if (q.agent_id) parts.push(eb('c.agent_id', '=', q.agent_id));
  if (q.agent_group_id) parts.push(eb('c.agent_group_id', '=', q.agent_group_id));
  if (q.result) parts.push(eb('c.result', '=', q.result as never));
  if (q.direction) parts.push(eb('c.direction', '=', q.direction));
  if (q.channel_type) parts.push(eb('c.channel_type', '=', q.channel_type));
  if (q.status) parts.push(eb('c.status', '=', q.status as never));
  if (q.live) parts.push(eb('c.status', '<>', 'ended'));
  if (q.contact_id) parts.push(eb('c.contact_id', '=', q.contact_id));
  if (q.conversation_id) parts.push(eb('c.conversation_id', '=', q.conversation_id));
  return parts.length ? eb.and(parts) : null;
}

export const exportColumns = [
  'id', 'created_at', 'channel', 'channel_type', 'channel_number', 'direction', 'customer_number', 'contact', 'agent', 'agent_group',
  'status', 'result', 'ended_by', 'end_reason', 'offered_at', 'answered_at', 'ended_at',
  'wait_duration', 'wait_seconds', 'talk_duration', 'talk_seconds', 'hold_duration', 'hold_seconds', 'wrap_up_duration', 'wrap_up_seconds',
  'cost_minor', 'currency', 'has_recording', 'conversation_id',
] as const;

export interface CallExport {
  filename: string;
  stream: Readable;
}

/**
 * CSV of call records (RFC 4180, CRLF, a header row). Durations as `HH:mm:ss` and in seconds; times
 * in ISO 8601 in the tenant's time zone. Rows are read and written one page at a time, newest
 * first, so the size of the export does not change what the server holds in memory.
 */
export function createCallExport(deps: Pick<CoreDeps, 'db' | 'clock'> & { pageSize?: number }) {
  const { db, clock } = deps;
  const records = createCallQueries(deps);
  const pageSize = deps.pageSize ?? 1_000;

  return {
    async csv(actor: Actor, filter: Expression<SqlBool> | null): Promise<CallExport> {
      const { timeZone } = await reportSettings(db, actor.tenantId);
      const visible = await visibleCallsExpression(db, actor);
      const time = (d: Date | null) => (d === null ? null : formatZonedIso(d.getTime(), timeZone));
      const stamp = formatZonedIso(clock.now().getTime(), timeZone).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

      async function* lines(): AsyncGenerator<string> {
        yield csvRow(exportColumns);
        let after: { at: Date; id: string } | null = null;
        for (;;) {
          let q = records.recordQuery().where('c.tenant_id', '=', actor.tenantId);
          if (visible) q = q.where(visible);
          if (filter) q = q.where(filter);
          if (after) {
            const { at, id } = after;
            q = q.where((w) => w(w.refTuple('c.created_at', 'c.id'), '<', w.tuple(at, id)));
          }
          const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(pageSize).execute();
          if (rows.length === 0) return;
          let chunk = '';
          for (const row of rows) {
            const r = records.recordView(row);
            chunk += csvRow([
              r.id, time(r.created_at), r.channel_name, r.channel_type, r.channel_number, r.direction, r.customer_number, r.contact_name, r.agent_name,
              r.agent_group_name, r.status, r.result, r.ended_by, r.end_reason, time(r.offered_at), time(r.answered_at), time(r.ended_at),
              r.wait_duration, r.wait_seconds, r.talk_duration, r.talk_seconds, r.hold_duration, r.hold_seconds,
              formatDuration(r.wrap_up_seconds), r.wrap_up_seconds, r.cost_minor, r.currency, r.has_recording, r.conversation_id,
            ]);
          }
          yield chunk;
          if (rows.length < pageSize) return;
          const last = rows[rows.length - 1]!;
          after = { at: last.created_at, id: last.id };
        }
      }

      return { filename: `calls-${stamp}.csv`, stream: Readable.from(lines(), { objectMode: false }) };
    },
  };
}

export type CallExportService = ReturnType<typeof createCallExport>;
