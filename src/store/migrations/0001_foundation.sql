-- Tenants, people, roles, sessions, channels, groups, contacts, presence and durable timers.

create table tenants (
  id uuid primary key,
  name text not null,
  currency text not null default 'IDR',
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null
);

create table users (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'supervisor', 'agent')),
  password_hash text not null,
  auto_answer boolean not null default false,
  locale text not null default 'en',
  time_zone text,
  disabled boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index users_email_key on users (lower(email));
create index users_tenant_idx on users (tenant_id, created_at, id);

create table auth_tokens (
  token_hash text primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null check (kind in ('session', 'api')),
  name text,
  created_at timestamptz not null,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index auth_tokens_user_idx on auth_tokens (user_id);

create table login_failures (
  id bigserial primary key,
  email text not null,
  address text not null,
  at timestamptz not null
);
create index login_failures_email_idx on login_failures (lower(email), at);
create index login_failures_address_idx on login_failures (address, at);

create table pause_reasons (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  system_key text,
  created_at timestamptz not null
);
create unique index pause_reasons_name_key on pause_reasons (tenant_id, lower(name));
create unique index pause_reasons_system_key on pause_reasons (tenant_id, system_key) where system_key is not null;

create table agent_groups (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  strategy text not null default 'ring_all'
    check (strategy in ('ring_all', 'round_robin', 'longest_idle', 'fewest_calls', 'random')),
  wrap_up_seconds integer not null default 0 check (wrap_up_seconds between 0 and 3600),
  max_wait_seconds integer not null default 120 check (max_wait_seconds between 10 and 3600),
  rr_pointer uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index agent_groups_name_key on agent_groups (tenant_id, lower(name));

create table agent_group_members (
  group_id uuid not null references agent_groups(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  tenant_id uuid not null references tenants(id) on delete cascade,
  position integer not null default 0,
  primary key (group_id, user_id)
);
create index agent_group_members_user_idx on agent_group_members (user_id);

create table channels (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  type text not null default 'whatsapp' check (type in ('whatsapp', 'voice')),
  name text not null,
  display_number text not null,
  country text,
  phone_number_id text,
  waba_id text,
  access_token text,
  app_secret text,
  verify_token text,
  voice_calling_enabled boolean not null default false,
  inbound_enabled boolean not null default true,
  outbound_enabled boolean not null default true,
  transfer_enabled boolean not null default true,
  recording_enabled boolean not null default false,
  disposition_mandatory boolean not null default false,
  call_icon_visibility text not null default 'DEFAULT' check (call_icon_visibility in ('DEFAULT', 'DISABLE_ALL')),
  callback_permission_enabled boolean not null default false,
  call_hours jsonb,
  incoming_target jsonb,
  prompts jsonb not null default '{}'::jsonb,
  recontact_template text,
  health jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index channels_phone_number_id_key on channels (phone_number_id) where phone_number_id is not null;
create index channels_tenant_idx on channels (tenant_id, created_at, id);

create table channel_members (
  channel_id uuid not null references channels(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  tenant_id uuid not null references tenants(id) on delete cascade,
  primary key (channel_id, user_id)
);
create index channel_members_user_idx on channel_members (user_id);

create table ring_groups (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  name text not null,
  mode text not null check (mode in ('round_robin', 'ring_all')),
  ring_regardless_of_status boolean not null default false,
  rr_pointer uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- A channel may have one round-robin and one ring-to-all group.
create unique index ring_groups_channel_mode_key on ring_groups (channel_id, mode);

create table ring_group_members (
  ring_group_id uuid not null references ring_groups(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  tenant_id uuid not null references tenants(id) on delete cascade,
  position integer not null,
  primary key (ring_group_id, user_id)
);
-- An agent belongs to at most one ring group per channel.
create unique index ring_group_members_channel_user_key on ring_group_members (channel_id, user_id);

create table contacts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  phone_e164 text not null,
  country text,
  name text,
  wa_id text,
  notes text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index contacts_phone_key on contacts (tenant_id, phone_e164);
create index contacts_tenant_idx on contacts (tenant_id, created_at, id);

create table agent_presence (
  user_id uuid primary key references users(id) on delete cascade,
  tenant_id uuid not null references tenants(id) on delete cascade,
  status text not null default 'offline' check (status in ('offline', 'available', 'paused', 'after_call_work')),
  pause_reason_id uuid references pause_reasons(id) on delete set null,
  status_since timestamptz not null,
  current_call_id uuid,
  busy_since timestamptz,
  missed_in_row integer not null default 0,
  last_call_ended_at timestamptz,
  available_since timestamptz
);
create index agent_presence_tenant_idx on agent_presence (tenant_id, status);
-- One call per agent: the reservation is a conditional update on current_call_id.

create table presence_history (
  id bigserial primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  status text not null,
  pause_reason_id uuid,
  source text not null,
  changed_by uuid,
  at timestamptz not null
);
create index presence_history_user_idx on presence_history (user_id, at);

-- Live desk WebSocket connections, per server instance, so any instance can tell whether an agent is signed in.
create table desk_connections (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  instance_id text not null,
  connected_at timestamptz not null
);
create index desk_connections_user_idx on desk_connections (user_id);

create table instances (
  id text primary key,
  started_at timestamptz not null,
  heartbeat_at timestamptz not null
);

-- Durable timers: claimed with FOR UPDATE SKIP LOCKED, fired once across instances, kept across restarts.
create table timers (
  id uuid primary key,
  tenant_id uuid,
  kind text not null,
  key text not null,
  due_at timestamptz not null,
  payload jsonb not null default '{}'::jsonb,
  attempts integer not null default 0,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null
);
create unique index timers_kind_key on timers (kind, key);
create index timers_due_idx on timers (due_at);
