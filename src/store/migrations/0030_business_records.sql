-- Business records (notes, tags and a disposition per call, with an append-only edit history),
-- the tenant's tags, dispositions per channel, canned answers and uploaded voice prompts.

create table tags (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  created_at timestamptz not null
);
create unique index tags_name_key on tags (tenant_id, lower(name));

create table dispositions (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  name text not null,
  created_at timestamptz not null
);
create unique index dispositions_name_key on dispositions (channel_id, lower(name));
create index dispositions_tenant_idx on dispositions (tenant_id);

-- One row per call once someone edits it or the call ends needing a disposition.
create table business_records (
  call_id uuid primary key references calls(id) on delete cascade,
  tenant_id uuid not null references tenants(id) on delete cascade,
  notes text not null default '',
  -- A disposition in use cannot be deleted (409 IN_USE), so records keep their outcome.
  disposition_id uuid references dispositions(id),
  -- Set when the call ended on a channel that makes a disposition mandatory.
  disposition_required boolean not null default false,
  version integer not null default 0,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz,
  created_at timestamptz not null
);
create index business_records_tenant_idx on business_records (tenant_id);
create index business_records_pending_idx on business_records (tenant_id) where disposition_required and disposition_id is null;

create table business_record_tags (
  call_id uuid not null references business_records(call_id) on delete cascade,
  tag_id uuid not null references tags(id),
  tenant_id uuid not null references tenants(id) on delete cascade,
  primary key (call_id, tag_id)
);
create index business_record_tags_tag_idx on business_record_tags (tag_id);

-- Who changed what, when. Rows are never updated (a trigger refuses it); they go with their call.
create table business_record_history (
  id uuid primary key,
  -- Commit order of the edits (ids made in the same millisecond do not sort by time).
  seq bigserial not null,
  tenant_id uuid not null references tenants(id) on delete cascade,
  call_id uuid not null references calls(id) on delete cascade,
  user_id uuid references users(id) on delete set null,
  user_name text,
  at timestamptz not null,
  changes jsonb not null
);
create index business_record_history_call_idx on business_record_history (call_id, seq);

create function business_record_history_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'business_record_history is append-only';
end;
$$;
create trigger business_record_history_no_update before update on business_record_history
  for each row execute function business_record_history_append_only();

create table canned_answers (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  -- null: a general answer of the tenant; otherwise local to one channel.
  channel_id uuid references channels(id) on delete cascade,
  title text not null,
  body text not null,
  shortcut text,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index canned_answers_title_key on canned_answers (tenant_id, coalesce(channel_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(title));
create index canned_answers_channel_idx on canned_answers (tenant_id, channel_id);

create table prompts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  duration_ms integer not null,
  size_bytes integer not null,
  sha256 text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create unique index prompts_name_key on prompts (tenant_id, lower(name));
