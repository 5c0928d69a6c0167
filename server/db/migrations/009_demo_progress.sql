-- A demo first start loads the reference data, opens the workspace, and only then registers the ~1,800 generated
-- registries in the background and works them as the demo reviewers. This row says that the demo region is being
-- (or was) loaded into this database, from which directory, and how far it got; a restart continues from it.
-- A database without the row (a real one, or a demo loaded before this migration) is never touched by the loader.
create table demo_progress (
  id           boolean primary key default true check (id),
  dir          text not null,
  total        integer not null default 0,
  registered   integer not null default 0,
  started_at   timestamptz not null default now(),
  finished_at  timestamptz
);

-- Registries the demo reviewers have finished working (the decision phase resumes after the last of them).
create table demo_worked (
  registry_id  bigint primary key references registries(id) on delete cascade
);
