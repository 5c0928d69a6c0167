-- Registry control, version 3: intake with stored check results, row and registry decisions, deadlines,
-- numbered documents and versioned rule sets.

-- Results are stored as the engine produces them: per run a dictionary of rule ids and reason texts, per row
-- two small arrays indexed by rule. A 30,000-row registry is 30,000 array pairs, not 300,000 result rows.
drop table check_results;

create table rule_sets (
  id          text not null,
  version     integer not null check (version >= 1),
  title       text not null,
  body        jsonb not null,
  created_by  integer references users(id),
  created_at  timestamptz not null default now(),
  primary key (id, version)
);

create table check_runs (
  id           bigserial primary key,
  registry_id  bigint not null references registries(id) on delete cascade,
  rule_set_id  text not null,
  rule_set_version integer not null,
  -- rule ids in the order of the rows' arrays: '1'..'9', then low-code rule ids
  rule_ids     text[] not null,
  rule_titles  text[] not null,
  -- reason texts; a row's check_reasons holds indexes into this array
  reasons      text[] not null,
  duration_ms  integer not null,
  ran_at       timestamptz not null default now()
);
create index check_runs_registry on check_runs(registry_id, id desc);

alter table registries
  add column municipal_district text,
  add column registered_by      integer references users(id),
  add column refusal_reason     text,
  add column findings           jsonb not null default '[]',
  add column rows_total         integer not null default 0,
  add column rows_failed        integer not null default 0,
  add column rows_agreed        integer not null default 0,
  add column rows_rejected      integer not null default 0,
  add column rejected_sum       bigint not null default 0,
  add column completed_at       timestamptz,
  add column check_run_id       bigint references check_runs(id),
  -- the original file as received, for download and re-reading
  add column file_content       bytea;
create index registries_status on registries(status, registered_at desc);
create index registries_executor on registries(executor_id, status);

alter table registry_rows
  add column expected_subsidy bigint,
  -- per rule of the registry's check run: 1 passed, 2 failed, 3 skipped
  add column check_status     smallint[],
  add column check_reasons    integer[],
  -- ids of failed rules, for filters and analytics ('4', '9', 'odn_over_living')
  add column failed_rules     text[] not null default '{}',
  add column decision_reason  text,
  add column decided_by       integer references users(id),
  add column decided_at       timestamptz,
  add check (status <> 'Не согласован' or coalesce(decision_reason, '') <> '');
create index registry_rows_failed on registry_rows using gin (failed_rules);
create index row_decisions_row on row_decisions(registry_id, row_no, id);
create index registry_decisions_registry on registry_decisions(registry_id, id);

alter table documents
  add column number    text unique,
  add column mime_type text not null default 'application/octet-stream';

create sequence document_numbers;
