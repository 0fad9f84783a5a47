import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { visibleChannelIds } from '../conversations/conversation-access.js';
import type { DbOrTx } from '../deps.js';
import { supervisesCall, supervisionScope } from '../supervision/supervision-scope.js';

export interface RecordCall {
  id: string;
  tenant_id: string;
  channel_id: string;
  agent_id: string | null;
  agent_group_id: string | null;
  status: string;
}

const callColumns = ['id', 'tenant_id', 'channel_id', 'agent_id', 'agent_group_id', 'status'] as const;

/** True when the agent answered the call at some point (it may have been transferred on since). */
async function workedOn(db: DbOrTx, callId: string, userId: string): Promise<boolean> {
  const offer = await db.selectFrom('call_offers').select('id').where('call_id', '=', callId).where('agent_id', '=', userId).where('status', 'in', ['accepted', 'transferred']).executeTakeFirst();
  return Boolean(offer);
}

/**
 * The call whose business record the actor asks for, seen as `GET /api/calls/:id` sees it: staff
 * see the tenant's calls, agents the calls of their channels and their own. Otherwise 404.
 * With `lock` the call's row is locked (in the caller's transaction), so a record edit and the
 * call's end never interleave.
 */
export async function callForRecord(db: DbOrTx, actor: Actor, callId: string, lock = false): Promise<RecordCall> {
  const q = db.selectFrom('calls').select(callColumns).where('tenant_id', '=', actor.tenantId).where('id', '=', callId);
  const call = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!call) throw new AppError('NOT_FOUND', 'No such call.');
  const visible = await visibleChannelIds(db, actor);
  if (visible !== 'all' && !visible.includes(call.channel_id) && call.agent_id !== actor.userId && !(await workedOn(db, call.id, actor.userId))) {
    throw new AppError('NOT_FOUND', 'No such call.');
  }
  if (actor.role === 'supervisor' && !(await supervisesCall(db, await supervisionScope(db, actor), call))) throw new AppError('NOT_FOUND', 'No such call.');
  return call;
}

/** Agents edit only their own work (SPEC §1): a call they are or were on. Supervisors edit the calls they supervise, admins any. */
export async function assertMayEdit(db: DbOrTx, actor: Actor, call: RecordCall): Promise<void> {
  if (actor.role !== 'agent') return;
  if (call.agent_id === actor.userId || (await workedOn(db, call.id, actor.userId))) return;
  throw new AppError('FORBIDDEN', 'Agents edit the business records of their own calls only.');
}
