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

-- Bulk decisions write up to 30,000 rows in one statement. A foreign key checks each row on its own (a lookup
-- and a lock per row: about a second for 30,000 decisions), so the three references a decision writes are
-- checked once per statement instead, over the statement's rows as a set. Nothing deletes registry rows or
-- users today; a delete that would orphan a decision is refused all the same.
alter table row_decisions drop constraint row_decisions_registry_id_row_no_fkey;
alter table row_decisions drop constraint row_decisions_actor_id_fkey;
alter table registry_rows drop constraint registry_rows_decided_by_fkey;

create function row_decisions_check_refs() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_rows n where not exists (select 1 from registry_rows r where r.registry_id = n.registry_id and r.row_no = n.row_no)) then
    raise foreign_key_violation using message = 'row_decisions: the registry row does not exist';
  end if;
  if exists (select 1 from new_rows n where not exists (select 1 from users u where u.id = n.actor_id)) then
    raise foreign_key_violation using message = 'row_decisions: the actor does not exist';
  end if;
  return null;
end $$;
create trigger row_decisions_refs_inserted after insert on row_decisions
  referencing new table as new_rows for each statement execute function row_decisions_check_refs();
create trigger row_decisions_refs_updated after update on row_decisions
  referencing new table as new_rows for each statement execute function row_decisions_check_refs();

create function registry_rows_check_decided_by() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_rows n where n.decided_by is not null and not exists (select 1 from users u where u.id = n.decided_by)) then
    raise foreign_key_violation using message = 'registry_rows: the deciding user does not exist';
  end if;
  return null;
end $$;
create trigger registry_rows_decided_by_inserted after insert on registry_rows
  referencing new table as new_rows for each statement execute function registry_rows_check_decided_by();
create trigger registry_rows_decided_by_updated after update on registry_rows
  referencing new table as new_rows for each statement execute function registry_rows_check_decided_by();

create function registry_rows_keep_decided() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o join row_decisions d on d.registry_id = o.registry_id and d.row_no = o.row_no) then
    raise foreign_key_violation using message = 'registry_rows: a deleted row has decisions';
  end if;
  return null;
end $$;
create trigger registry_rows_keep_decided after delete on registry_rows
  referencing old table as old_rows for each statement execute function registry_rows_keep_decided();

create function users_keep_deciders() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o where exists (select 1 from row_decisions d where d.actor_id = o.id)
             or exists (select 1 from registry_rows r where r.decided_by = o.id)) then
    raise foreign_key_violation using message = 'users: a deleted user has decisions';
  end if;
  return null;
end $$;
create trigger users_keep_deciders after delete on users
  referencing old table as old_rows for each statement execute function users_keep_deciders();
