import { sql } from 'kysely';
import type { TestApp } from '../../../support/app.js';

/**
 * A digest of every row that belongs to a tenant: every table with a tenant_id column (found in the
 * catalogue, so tables added later are covered) plus the tenant row itself. Token bookkeeping
 * (last_used_at) is left out: reading with a token may touch it.
 */
export async function tenantChecksum(app: TestApp, tenantId: string): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id' order by table_name`.execute(app.database.db);
  const parts = tables.rows.map(({ table_name }) => {
    const t = sql.table(table_name);
    const row = table_name === 'auth_tokens' ? sql`(to_jsonb(x) - 'last_used_at')` : sql`to_jsonb(x)`;
    return sql`select ${table_name}::text as name, count(*)::int as n, coalesce(md5(string_agg(${row}::text, '|' order by ${row}::text)), '') as h from ${t} x where x.tenant_id = ${tenantId}`;
  });
  parts.push(sql`select 'tenants' as name, count(*)::int as n, coalesce(md5(string_agg(to_jsonb(x)::text, '|')), '') as h from tenants x where x.id = ${tenantId}`);
  const rows = await sql<{ name: string; n: number; h: string }>`${sql.join(parts, sql` union all `)}`.execute(app.database.db);
  return rows.rows.map((r) => `${r.name}:${r.n}:${r.h}`).sort().join('\n');
}
