-- Analytics, issue 12: money by settlement summed over registries, for the dashboard's first load.
--
-- The dashboard's by-settlement chart summed every per-registry settlement cell of analytics_cells (a few
-- hundred thousand over three years of a large region) on each request: most of a first load. This table holds
-- the same sums one step further, per (month, district, registry status, settlement), kept by the refresh that
-- keeps the cells (server/analytics/refresh.ts): the groups of the re-summed registries are summed again from
-- their cells, before and after. The registry status is part of the key so that «claimed» (money figures skip
-- cancelled and refused registries) stays a filter at read time. Requests filtering by РСО or service read the
-- cells as before.

create table analytics_settlement_cells (
  period      date not null,
  -- the registry's district as one entry: «X и др.» counts under X; '' when not stated
  district    text not null,
  reg_status  text not null,
  settlement  text not null,
  -- registries with any row in this settlement (a registry is in one group only, so these add up)
  registries  integer not null,
  rows        integer not null,
  declared    bigint not null,
  agreed      bigint not null,
  rejected    bigint not null,
  pending     bigint not null,
  primary key (period, district, reg_status, settlement)
);

-- The group each registry was last summed into: when its status, month or district changes (or it is deleted),
-- the old group is summed again without it. No foreign key: a deleted registry's group is still known.
create table analytics_registry_groups (
  registry_id bigint primary key,
  period      date not null,
  district    text not null,
  reg_status  text not null
);
create index analytics_registry_groups_group on analytics_registry_groups(period, district, reg_status);

-- A registry's status, month or district moves its money to another group: mark it for the next refresh.
create function analytics_registry_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    insert into analytics_stale (registry_id) values (old.id) on conflict (registry_id) do update set marked_at = now();
  elsif new.status is distinct from old.status or new.period is distinct from old.period
        or new.municipal_district is distinct from old.municipal_district then
    insert into analytics_stale (registry_id) values (new.id) on conflict (registry_id) do update set marked_at = now();
  end if;
  return null;
end $$;

create trigger analytics_registry_updated after update of status, period, municipal_district on registries
  for each row execute function analytics_registry_changed();
create trigger analytics_registry_deleted after delete on registries
  for each row execute function analytics_registry_changed();

-- built at the next refresh, like the cells were at first
insert into analytics_stale (registry_id) select id from registries on conflict do nothing;
