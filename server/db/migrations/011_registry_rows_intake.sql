-- An intake inserts up to 30,000 registry rows at once. Their foreign key to `registries` checked each row on its own
-- (a lookup and a key-share lock per row: a third of the insert, ~0.3 s on Postgres and ~0.7 s embedded for 30,000
-- rows), so, as migration 009 did for decisions, the reference is checked once per statement, over the statement's
-- registries as a set, and still locked against a concurrent delete. Deleting a registry still deletes its rows.
alter table registry_rows drop constraint registry_rows_registry_id_fkey;

create function registry_rows_check_registry() returns trigger language plpgsql as $$
declare
  wanted integer;
  found integer;
begin
  select count(distinct registry_id) into wanted from new_rows;
  select count(*) into found from (
    select r.id from registries r where r.id in (select registry_id from new_rows) for key share
  ) locked;
  if found < wanted then
    raise foreign_key_violation using message = 'registry_rows: the registry does not exist';
  end if;
  return null;
end $$;
create trigger registry_rows_registry_inserted after insert on registry_rows
  referencing new table as new_rows for each statement execute function registry_rows_check_registry();

-- Nothing moves a row to another registry; should an update ever do it, the new registry is checked as well.
create function registry_rows_check_moved() returns trigger language plpgsql as $$
begin
  perform 1 from registries r where r.id = new.registry_id for key share;
  if not found then
    raise foreign_key_violation using message = 'registry_rows: the registry does not exist';
  end if;
  return null;
end $$;
create trigger registry_rows_registry_moved after update of registry_id on registry_rows
  for each row when (old.registry_id is distinct from new.registry_id) execute function registry_rows_check_moved();

create function registries_delete_rows() returns trigger language plpgsql as $$
begin
  delete from registry_rows where registry_id in (select id from old_registries);
  return null;
end $$;
create trigger registries_delete_rows after delete on registries
  referencing old table as old_registries for each statement execute function registries_delete_rows();

-- Every query of failed rules names its registry (the primary key finds its rows), so this index across all
-- registries served none of them, and each intake and re-check wrote an entry per row into it.
drop index registry_rows_failed;
