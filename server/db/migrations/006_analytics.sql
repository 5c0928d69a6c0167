-- Analytics, version 6: per-registry summaries of the rows, refreshed lazily.
--
-- The dashboard slices money by settlement (a house attribute) and by failed rule (a row attribute), so its
-- figures come from the rows; three years of a large region are millions of rows, too many to aggregate on
-- every request. The rows of one registry are summed once into a few cells per (settlement, row status) and
-- (settlement, failed rule, row status); any change to a registry's rows marks that registry stale (triggers
-- below, so whoever writes rows and decisions need not know about analytics), and the next analytics request
-- re-sums only the stale registries. Each registry also gets cells with settlement '*' summing all its
-- settlements (server/analytics/whole-registry.ts): charts that do not slice by settlement read those, a few per
-- registry. Registry-level attributes (status, executor, period, РСО, district) are
-- read live from `registries`, never copied.

create table analytics_cells (
  registry_id bigint not null references registries(id) on delete cascade,
  -- the house's settlement from `houses`; '' when the row's house is not in the register
  settlement  text not null,
  row_status  text not null,
  rows        integer not null,
  -- declared subsidy of these rows, kopecks
  subsidy     bigint not null,
  -- v_living + v_odn, in the service's unit
  volume      numeric not null,
  primary key (registry_id, settlement, row_status)
);

create table analytics_rule_cells (
  registry_id bigint not null references registries(id) on delete cascade,
  settlement  text not null,
  rule        text not null,
  row_status  text not null,
  rows        integer not null,
  subsidy     bigint not null,
  primary key (registry_id, settlement, rule, row_status)
);
create index analytics_rule_cells_rule on analytics_rule_cells(rule, row_status);

-- Registries whose rows changed since their cells were summed. No foreign key: a deleted registry is simply
-- dropped at the next refresh.
create table analytics_stale (
  registry_id bigint primary key,
  marked_at   timestamptz not null default now()
);

-- The houses import batch the settlements of the cells were read from; a newer one re-sums the registries
-- whose houses it changed.
create table analytics_state (
  id           boolean primary key default true check (id),
  houses_batch bigint not null default 0
);
insert into analytics_state (houses_batch) values (0);

-- `do update` (not `do nothing`) takes the row lock: a refresh deleting this mark waits for the writer to commit,
-- so it cannot sum the rows before the change and then lose the mark.
create function analytics_mark_stale() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    insert into analytics_stale (registry_id) select distinct registry_id from old_rows
      on conflict (registry_id) do update set marked_at = now();
  else
    insert into analytics_stale (registry_id) select distinct registry_id from new_rows
      on conflict (registry_id) do update set marked_at = now();
  end if;
  return null;
end $$;

create trigger analytics_rows_inserted after insert on registry_rows
  referencing new table as new_rows for each statement execute function analytics_mark_stale();
create trigger analytics_rows_updated after update on registry_rows
  referencing new table as new_rows for each statement execute function analytics_mark_stale();
create trigger analytics_rows_deleted after delete on registry_rows
  referencing old table as old_rows for each statement execute function analytics_mark_stale();

insert into analytics_stale (registry_id) select id from registries on conflict do nothing;

-- Registry-level charts filter and group by these.
create index registries_analytics on registries(period, rso_inn, service);
create index registries_district on registries(municipal_district, period);
