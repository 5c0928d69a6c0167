-- The РСО portal (issue 11): registries an РСО sent itself, corrections linked to their original, the
-- correspondence between the regulator and an РСО (per registry, optionally per row), and what each РСО user has
-- seen of his events.
alter table registries add column via_portal boolean not null default false;
alter table registries add column corrects_id bigint references registries(id);
create index registries_corrects on registries(corrects_id) where corrects_id is not null;

create table portal_messages (
  id          bigserial primary key,
  registry_id bigint not null references registries(id) on delete cascade,
  row_no      integer,
  author_id   integer not null references users(id),
  from_rso    boolean not null,
  body        text not null check (length(body) between 1 and 4000),
  created_at  timestamptz not null default now()
);
create index portal_messages_registry on portal_messages(registry_id, id);

alter table users add column portal_seen_at timestamptz;
