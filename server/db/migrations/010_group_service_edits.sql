-- An analyst's edit of a group's formula sheet saved as a change of the region's data: the tariff or norm of a
-- service changes in house_services for every house of the group. Such rows no longer come from an import batch
-- (version null, as mo_rates after «apply to МР/МО»); each saved edit is kept here with what changed, and in the
-- audit log, and its id is part of the reference key that recomputes the groups and standards.

alter table house_services alter column version drop not null;

create table house_service_edits (
  id         bigserial primary key,
  -- the group the analyst edited (its houses are in the group of their new key afterwards)
  group_id   text not null,
  -- [{ service, field: tariff | norm, old, new }], tariffs and norms as decimal text
  changes    jsonb not null,
  houses     integer not null check (houses > 0),
  service_rows integer not null,
  comment    text,
  edited_by  integer references users(id),
  edited_at  timestamptz not null default now()
);
