-- Provider events, conversations and messages, calls with offers and journey, call permissions.

create table webhook_events (
  id uuid primary key,
  provider text not null default 'meta',
  event_key text not null,
  tenant_id uuid references tenants(id) on delete cascade,
  channel_id uuid references channels(id) on delete cascade,
  kind text not null,
  payload jsonb not null,
  received_at timestamptz not null,
  applied_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
-- Meta retries and duplicates: one row per event, whatever the number of deliveries.
create unique index webhook_events_key on webhook_events (provider, event_key);
create index webhook_events_pending_idx on webhook_events (received_at) where applied_at is null;

create table conversations (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  contact_id uuid not null references contacts(id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'resolved')),
  assignee_id uuid references users(id) on delete set null,
  window_expires_at timestamptz,
  last_message_at timestamptz,
  last_inbound_at timestamptz,
  created_at timestamptz not null,
  resolved_at timestamptz,
  updated_at timestamptz not null
);
-- At most one open room per contact and channel.
create unique index conversations_open_key on conversations (channel_id, contact_id) where status = 'open';
create index conversations_tenant_idx on conversations (tenant_id, id);
create index conversations_assignee_idx on conversations (assignee_id) where status = 'open';
create index conversations_contact_idx on conversations (contact_id, id);

create table messages (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  direction text not null check (direction in ('in', 'out', 'system')),
  type text not null,
  body text,
  data jsonb not null default '{}'::jsonb,
  provider_message_id text,
  status text,
  sender_id uuid references users(id) on delete set null,
  call_id uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index messages_provider_id_key on messages (provider_message_id) where provider_message_id is not null;
create index messages_conversation_idx on messages (conversation_id, id);

create table calls (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  channel_type text not null default 'whatsapp' check (channel_type in ('whatsapp', 'voice')),
  direction text not null check (direction in ('inbound', 'outbound')),
  provider_call_id text,
  contact_id uuid references contacts(id) on delete set null,
  conversation_id uuid references conversations(id) on delete set null,
  customer_number text,
  channel_number text,
  status text not null check (status in ('routing', 'offering', 'queued', 'dialing', 'ringing', 'connected', 'on_hold', 'voicemail', 'ended')),
  result text check (result in ('answered', 'unanswered', 'user_abandon', 'rejected', 'missed', 'failed', 'voicemail')),
  ended_by text,
  end_reason text,
  agent_id uuid references users(id) on delete set null,
  agent_group_id uuid references agent_groups(id) on delete set null,
  ring_group_id uuid references ring_groups(id) on delete set null,
  tier text,
  state jsonb not null default '{}'::jsonb,
  provider_sdp text,
  media_instance text,
  provider_accepted boolean not null default false,
  offered_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  hold_started_at timestamptz,
  hold_seconds integer not null default 0,
  talk_seconds integer,
  wait_seconds integer,
  wrap_up_seconds integer,
  cost_minor bigint,
  currency text,
  recording_path text,
  failure_code text,
  version integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index calls_provider_call_id_key on calls (channel_id, provider_call_id) where provider_call_id is not null;
create index calls_tenant_idx on calls (tenant_id, id);
create index calls_tenant_time_idx on calls (tenant_id, created_at);
create index calls_live_idx on calls (tenant_id, status) where status <> 'ended';
create index calls_agent_idx on calls (agent_id, id);
create index calls_contact_idx on calls (contact_id, id);
create index calls_conversation_idx on calls (conversation_id, id);

create table call_offers (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  call_id uuid not null references calls(id) on delete cascade,
  agent_id uuid not null references users(id) on delete cascade,
  round integer not null default 1,
  status text not null check (status in ('ringing', 'accepted', 'rejected', 'missed', 'cancelled', 'taken', 'transferred')),
  offered_at timestamptz not null,
  deadline_at timestamptz not null,
  responded_at timestamptz
);
-- An agent rings for one call at a time, and a call is accepted once.
create unique index call_offers_ringing_agent_key on call_offers (agent_id) where status = 'ringing';
create unique index call_offers_accepted_call_key on call_offers (call_id) where status = 'accepted';
create index call_offers_call_idx on call_offers (call_id);

create table call_journey (
  id bigserial primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  call_id uuid not null references calls(id) on delete cascade,
  at timestamptz not null,
  event text not null,
  agent_id uuid,
  description text not null,
  data jsonb not null default '{}'::jsonb
);
create index call_journey_call_idx on call_journey (call_id, id);

create table call_permissions (
  tenant_id uuid not null references tenants(id) on delete cascade,
  channel_id uuid not null references channels(id) on delete cascade,
  contact_id uuid not null references contacts(id) on delete cascade,
  state jsonb not null,
  updated_at timestamptz not null,
  primary key (channel_id, contact_id)
);
