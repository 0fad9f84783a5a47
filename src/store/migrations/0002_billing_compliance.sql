-- Voice balance, per-country rates, the money ledger, and the compliance lists.

create table voice_rates (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  -- ISO 3166-1 alpha-2 of the callee, or '*' for every other country.
  country text not null check (country = '*' or country ~ '^[A-Z]{2}$'),
  rate_per_minute_minor bigint not null check (rate_per_minute_minor >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index voice_rates_country_key on voice_rates (tenant_id, country);

-- One row per tenant; every change goes with a ledger row in the same transaction, under this row's lock.
create table voice_balances (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  balance_minor bigint not null default 0,
  updated_at timestamptz not null
);

create table ledger_entries (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  kind text not null check (kind in ('top_up', 'call_charge', 'adjustment')),
  amount_minor bigint not null,
  balance_after_minor bigint not null,
  call_id uuid,
  note text,
  created_by uuid,
  created_at timestamptz not null
);
create index ledger_entries_tenant_idx on ledger_entries (tenant_id, id);
-- A call is charged once.
create unique index ledger_entries_call_charge_key on ledger_entries (call_id) where kind = 'call_charge';

create table compliance_numbers (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  list text not null check (list in ('do_not_call', 'deny', 'allow')),
  phone_e164 text not null,
  note text,
  created_by uuid,
  created_at timestamptz not null
);
create unique index compliance_numbers_key on compliance_numbers (tenant_id, list, phone_e164);

create table allowed_destination_countries (
  tenant_id uuid not null references tenants(id) on delete cascade,
  country text not null check (country ~ '^[A-Z]{2}$'),
  created_at timestamptz not null,
  primary key (tenant_id, country)
);
