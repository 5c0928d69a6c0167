-- A houses or gis_houses file replaces the region's earlier one (DOMAIN.md «Changes of house data»): records the new
-- file does not have are removed. The earlier version is kept with the import that replaced it, beside the report of
-- what changed between the two («Изменения характеристик домов»). Both are gzipped JSON: a 200,000-house version is
-- ~40 MB as text and is read only when someone opens or exports the report.
alter table import_batches add column removed integer not null default 0;

create table house_data_changes (
  batch_id       bigint primary key references import_batches(id),
  kind           text not null check (kind in ('houses', 'gis_houses')),
  -- the records of `kind` as they were before the import, and how many
  previous       bytea not null,
  previous_rows  integer not null,
  -- { houses_changed, added, removed, groups_changed, checks_changed }
  summary        jsonb not null,
  -- { houses: [...], groups: {...} }, see server/reference/house-changes.ts
  report         bytea not null,
  created_at     timestamptz not null default now()
);
