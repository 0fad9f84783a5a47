import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { DB } from '../../store/schema/index.js';
import type { CallsTable } from '../../store/schema/index.js';
import type { DbOrTx } from '../deps.js';

export const scopeKinds = ['tenant', 'channel', 'agent_group', 'agent'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

export type ReportScope = { kind: 'tenant' } | { kind: Exclude<ScopeKind, 'tenant'>; id: string };

/** A scope with the name the report shows. */
export type NamedScope = ReportScope & { name: string };

/** Checks the scope names something of the tenant (404 otherwise) and finds its name. */
export async function resolveScope(db: DbOrTx, tenantId: string, scope: ReportScope): Promise<NamedScope> {
  let row: { name: string } | undefined;
  switch (scope.kind) {
    case 'tenant':
      row = await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst();
      break;
    case 'channel':
      row = await db.selectFrom('channels').select('name').where('id', '=', scope.id).where('tenant_id', '=', tenantId).executeTakeFirst();
      break;
    case 'agent_group':
      row = await db.selectFrom('agent_groups').select('name').where('id', '=', scope.id).where('tenant_id', '=', tenantId).executeTakeFirst();
      break;
    case 'agent':
      row = await db.selectFrom('users').select('name').where('id', '=', scope.id).where('tenant_id', '=', tenantId).executeTakeFirst();
      break;
  }
  if (!row) throw new AppError('NOT_FOUND', `No such ${scope.kind.replace('_', ' ')}.`);
  return { ...scope, name: row.name };
}

const eb = expressionBuilder<DB & { c: CallsTable }, 'c'>();

/**
 * The calls of a scope (null: the whole tenant). An agent's calls are those offered to them or
 * that they took (a transfer target is not always offered first).
 */
export function callsInScope(scope: ReportScope): Expression<SqlBool> | null {
  switch (scope.kind) {
    case 'tenant':
      return null;
    case 'channel':
      return eb('c.channel_id', '=', scope.id);
    case 'agent_group':
      return eb('c.agent_group_id', '=', scope.id);
    case 'agent':
      return eb.or([
        eb('c.agent_id', '=', scope.id),
        eb.exists(eb.selectFrom('call_offers as o').select('o.id').whereRef('o.call_id', '=', 'c.id').where('o.agent_id', '=', scope.id)),
      ]);
  }
}

/** The people whose occupancy a scope covers: everyone (tenant), a channel's members, a group's members, one agent. */
export async function agentsInScope(db: DbOrTx, tenantId: string, scope: ReportScope): Promise<string[] | 'all'> {
  switch (scope.kind) {
    case 'tenant':
      return 'all';
    case 'channel':
      return (await db.selectFrom('channel_members').select('user_id').where('channel_id', '=', scope.id).where('tenant_id', '=', tenantId).execute()).map((r) => r.user_id);
    case 'agent_group':
      return (await db.selectFrom('agent_group_members').select('user_id').where('group_id', '=', scope.id).where('tenant_id', '=', tenantId).execute()).map((r) => r.user_id);
    case 'agent':
      return [scope.id];
  }
}
