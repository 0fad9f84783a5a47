import { z } from 'zod';
import { assertNever } from '../../domain/assert-never.js';
import { AppError } from '../../domain/errors.js';
import type { IncomingTarget } from '../../store/schema/index.js';
import type { DbOrTx } from '../deps.js';

const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

/** Where a channel's new inbound calls go when no assignee or ring group takes them (SPEC §2, §4 step 4). */
export const incomingTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('agent_groups'), agent_group_ids: z.array(z.uuid()).min(1).max(20).refine(uniqueIds, 'ids must be unique') }),
  z.strictObject({ type: z.literal('ring_group'), ring_group_id: z.uuid() }),
  z.strictObject({ type: z.literal('flow'), flow_id: z.uuid() }),
  z.strictObject({ type: z.literal('ai_agent'), url: z.url({ protocol: /^https?$/ }).max(2000).refine((u) => ![...u].some((c) => c.charCodeAt(0) < 0x20), 'no control characters') }),
]);

/**
 * The ids a target names must exist in the tenant (a ring group on this very channel). Routing
 * flows have no table yet, so a flow id is taken as given until they do.
 */
export async function assertTargetExists(tx: DbOrTx, tenantId: string, channelId: string | null, target: IncomingTarget): Promise<void> {
  switch (target.type) {
    case 'agent_groups': {
      const found = await tx.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenantId).where('id', 'in', target.agent_group_ids).execute();
      const known = new Set(found.map((r) => r.id));
      const missing = target.agent_group_ids.filter((id) => !known.has(id));
      if (missing.length > 0) throw new AppError('NOT_FOUND', 'No such agent group.', { field: 'body.incoming_target.agent_group_ids', agent_group_ids: missing });
      return;
    }
    case 'ring_group': {
      const found = channelId
        ? await tx.selectFrom('ring_groups').select('id').where('tenant_id', '=', tenantId).where('channel_id', '=', channelId).where('id', '=', target.ring_group_id).executeTakeFirst()
        : undefined;
      if (!found) throw new AppError('NOT_FOUND', 'No such ring group on this channel.', { field: 'body.incoming_target.ring_group_id' });
      return;
    }
    case 'flow':
    case 'ai_agent':
      return;
    default:
      assertNever(target, 'incoming target');
  }
}
