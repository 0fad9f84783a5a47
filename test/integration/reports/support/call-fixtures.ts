import type { CallResult, CallStatus } from '../../../../src/domain/calls/index.js';
import type { TestApp } from '../../../support/app.js';

/** Rows written straight into the database, so the queries can be tested on exact times. */
export function reportFixtures(app: TestApp) {
  const db = app.database.db;

  async function channel(tenantId: string, name: string, members: string[] = []): Promise<string> {
    const id = app.ids.next();
    const now = app.clock.now();
    await db.insertInto('channels').values({ id, tenant_id: tenantId, name, display_number: '+622150001111', prompts: '{}', health: '{}', created_at: now, updated_at: now }).execute();
    for (const user_id of members) await db.insertInto('channel_members').values({ channel_id: id, user_id, tenant_id: tenantId }).execute();
    return id;
  }

  async function agentGroup(tenantId: string, name: string, members: string[] = []): Promise<string> {
    const id = app.ids.next();
    const now = app.clock.now();
    await db.insertInto('agent_groups').values({ id, tenant_id: tenantId, name, strategy: 'ring_all', rr_pointer: null, created_at: now, updated_at: now }).execute();
    for (const user_id of members) await db.insertInto('agent_group_members').values({ group_id: id, user_id, tenant_id: tenantId }).execute();
    return id;
  }

  interface CallSpec {
    tenantId: string;
    channelId: string;
    /** When the call arrived and reached routing. */
    at: string | number;
    direction?: 'inbound' | 'outbound';
    /** Null for a live call. */
    result: CallResult | null;
    status?: CallStatus;
    /** From arrival to the answer, or to the end when never answered. */
    waitMs?: number;
    talkS?: number;
    holdS?: number;
    wrapS?: number | null;
    agentId?: string | null;
    agentGroupId?: string | null;
    endReason?: string | null;
    endedBy?: string | null;
    customerNumber?: string | null;
    costMinor?: number | null;
    contactName?: string;
    /** Whether it reached routing (offered_at set). */
    routed?: boolean;
  }

  async function call(s: CallSpec): Promise<string> {
    const id = app.ids.next();
    const at = typeof s.at === 'number' ? s.at : Date.parse(s.at);
    const live = s.result === null;
    const answered = s.result === 'answered' || (live && (s.status === 'connected' || s.status === 'on_hold'));
    const wait = s.waitMs ?? 5_000;
    const answeredAt = answered ? at + wait : null;
    const talk = s.talkS ?? 0;
    const endedAt = live ? null : answeredAt !== null ? answeredAt + talk * 1000 : at + wait;
    let contactId: string | null = null;
    if (s.contactName !== undefined) {
      contactId = app.ids.next();
      await db.insertInto('contacts').values({ id: contactId, tenant_id: s.tenantId, phone_e164: s.customerNumber ?? `+6281${id.slice(-9).replace(/\D/g, '7')}`, name: s.contactName, created_at: new Date(at), updated_at: new Date(at) }).execute();
    }
    await db.insertInto('calls').values({
      id, tenant_id: s.tenantId, channel_id: s.channelId, direction: s.direction ?? 'inbound', contact_id: contactId,
      customer_number: s.customerNumber === undefined ? '+6281200000001' : s.customerNumber, channel_number: '+622150001111',
      status: s.status ?? 'ended', result: s.result, agent_id: s.agentId ?? null, agent_group_id: s.agentGroupId ?? null,
      offered_at: s.routed === false ? null : new Date(at), answered_at: answeredAt === null ? null : new Date(answeredAt),
      ended_at: endedAt === null ? null : new Date(endedAt), ended_by: live ? null : (s.endedBy ?? 'customer'),
      end_reason: live ? null : (s.endReason === undefined ? 'customer_hangup' : s.endReason),
      hold_seconds: s.holdS ?? 0, talk_seconds: answered && !live ? talk : null,
      wait_seconds: live && !answered ? null : Math.floor(wait / 1000), wrap_up_seconds: s.wrapS ?? null,
      cost_minor: s.costMinor ?? null, state: '{}', created_at: new Date(at), updated_at: new Date(endedAt ?? at),
    }).execute();
    return id;
  }

  async function offer(tenantId: string, callId: string, agentId: string, status: 'missed' | 'rejected' | 'accepted' | 'ringing', at: string | number): Promise<void> {
    const t = new Date(at);
    await db.insertInto('call_offers').values({
      id: app.ids.next(), tenant_id: tenantId, call_id: callId, agent_id: agentId, status, offered_at: t, deadline_at: new Date(t.getTime() + 30_000),
      responded_at: status === 'ringing' ? null : t,
    }).execute();
  }

  async function presence(tenantId: string, userId: string, status: string, at: string, source = 'user'): Promise<void> {
    await db.insertInto('presence_history').values({ tenant_id: tenantId, user_id: userId, status, source, pause_reason_id: null, changed_by: null, at: new Date(at) }).execute();
  }

  async function settings(tenantId: string, values: Record<string, unknown>): Promise<void> {
    await db.updateTable('tenants').set({ settings: JSON.stringify(values) }).where('id', '=', tenantId).execute();
  }

  return { channel, agentGroup, call, offer, presence, settings };
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF) back into arrays, to check what a spreadsheet would read. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) throw new Error('the last record is not CRLF-terminated');
  return rows;
}
