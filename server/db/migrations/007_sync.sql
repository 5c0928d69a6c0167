-- Live co-review: the durable log of the shared Yjs documents (one per registry, one per standards sheet).
-- A document is its last snapshot plus the updates appended after it; compaction folds the tail into the snapshot.

create table sync_docs (
  name         text primary key check (name ~ '^(registry|standards):[A-Za-z0-9_.-]{1,64}$'),
  -- merged state of every update folded so far (a Yjs v1 update); null until the first compaction
  snapshot     bytea,
  compactions  integer not null default 0,
  compacted_at timestamptz,
  created_at   timestamptz not null default now()
);

-- Every accepted update, appended before any client sees it. `origin` names the server process that accepted
-- it (other processes apply it from Redis and do not store it again); `actor_id` the person whose change it was.
create table sync_updates (
  id         bigserial primary key,
  doc        text not null references sync_docs(name) on delete cascade,
  update     bytea not null,
  origin     text not null,
  actor_id   integer references users(id),
  created_at timestamptz not null default now()
);
create index sync_updates_doc on sync_updates(doc, id);
