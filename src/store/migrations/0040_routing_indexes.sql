-- Routing walks group members in order from a pointer: index the order.
create index ring_group_members_order_idx on ring_group_members (ring_group_id, position);
create index agent_group_members_order_idx on agent_group_members (group_id, position);
-- Ended calls' timers are cancelled by key.
create index timers_key_idx on timers (key);
