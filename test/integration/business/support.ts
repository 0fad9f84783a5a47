import { stateColumns } from '../../../src/app/calls/call-row.js';
import { newInboundCall, type CallState } from '../../../src/domain/calls/index.js';
import type { TestApp } from '../../support/app.js';

/** A channel row straight in the database (no Meta sync needed for these tests). */
export async function insertChannel(app: TestApp, tenantId: string, name: string, opts: { mandatory?: boolean; members?: string[] } = {}): Promise<string> {
  const id = app.ids.next();
  const now = app.clock.now();
  await app.database.db.insertInto('channels').values({
    id, tenant_id: tenantId, name, display_number: '+622150001111', disposition_mandatory: opts.mandatory ?? false, prompts: '{}', health: '{}', created_at: now, updated_at: now,
  }).execute();
  if (opts.members?.length) {
    await app.database.db.insertInto('channel_members').values(opts.members.map((u) => ({ channel_id: id, user_id: u, tenant_id: tenantId }))).execute();
  }
  return id;
}

/** A call row as the engine leaves it (ended or connected), answered by `agentId`. */
export async function insertCall(app: TestApp, o: { tenantId: string; channelId: string; agentId: string | null; status?: 'ended' | 'connected' }): Promise<string> {
  const at = app.clock.now().getTime();
  const ended = (o.status ?? 'ended') === 'ended';
  const state: CallState = {
    ...newInboundCall(at - 60_000), status: ended ? 'ended' : 'connected', result: ended ? 'answered' : null, agentId: o.agentId,
    answeredAt: at - 50_000, endedAt: ended ? at : null, endedBy: ended ? 'customer' : null, endReason: ended ? 'test' : null,
  };
  const id = app.ids.next();
  await app.database.db.insertInto('calls').values({
    id, tenant_id: o.tenantId, channel_id: o.channelId, direction: 'inbound', customer_number: '+6281200000001', channel_number: '+622150001111',
    offered_at: new Date(at - 60_000), created_at: new Date(at - 60_000), updated_at: new Date(at), ...stateColumns(state),
  }).execute();
  return id;
}
