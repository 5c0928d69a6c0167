-- Sverka schema, version 1. Money in kopecks (bigint); tariffs and volumes numeric with 4 decimals;
-- dates as date; identifiers validated by the application before they get here and constrained here too.

create table users (
  id            serial primary key,
  login         text not null unique check (login ~ '^[a-z0-9._-]{3,64}$'),
  full_name     text not null,
  role          text not null check (role in ('admin', 'analyst', 'reviewer', 'manager')),
  password_hash text not null,
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);

create table sessions (
  token_hash  text primary key,
  user_id     integer not null references users(id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null
);
create index sessions_user on sessions(user_id);

-- One row per accepted reference file; its id is the version stamp of every record it inserted or changed.
create table import_batches (
  id          bigserial primary key,
  kind        text not null check (kind in ('houses', 'tariffs', 'organisations')),
  file_name   text not null,
  sha256      text not null,
  rows        integer not null,
  inserted    integer not null,
  updated     integer not null,
  unchanged   integer not null,
  actor_id    integer references users(id),
  imported_at timestamptz not null default now()
);

create table organisations (
  inn        text primary key check (inn ~ '^(\d{10}|\d{12})$'),
  ogrn       text not null check (ogrn ~ '^(\d{13}|\d{15})$'),
  name       text not null,
  status     text not null check (status in ('действует', 'ликвидирована', 'банкротство', 'в процессе ликвидации')),
  tax_debt   boolean,
  version    bigint not null references import_batches(id),
  updated_at timestamptz not null default now()
);

create table municipalities (
  id        serial primary key,
  name      text not null,
  -- normalised name (case, ё/е, «муниципальный район»/«р-н» stripped): what the checks compare
  name_key  text not null unique,
  oktmo     text check (oktmo ~ '^\d{8}$')
);

create table houses (
  fias_id         uuid primary key,
  address         text not null,
  municipality_id integer not null references municipalities(id),
  oktmo           text not null check (oktmo ~ '^(\d{8}|\d{11})$'),
  settlement      text not null,
  house_type      text not null check (house_type in ('МКД', 'ЖД')),
  commissioned    date,
  area            numeric(12, 2),
  residents       integer check (residents >= 0),
  heating_type    text,
  version         bigint not null references import_batches(id),
  updated_at      timestamptz not null default now()
);
create index houses_municipality on houses(municipality_id);
create index houses_address on houses(address);
create index houses_version on houses(version);

create table tariff_decisions (
  id                 bigserial primary key,
  decision_id        text not null,
  rso_inn            text not null check (rso_inn ~ '^(\d{10}|\d{12})$'),
  service            text not null,
  municipal_district text not null,
  settlement         text not null,
  valid_from         date not null,
  valid_to           date,
  commissioned_from  date,
  commissioned_to    date,
  tariff_kind        text not null,
  eot                numeric(14, 4) not null check (eot >= 0),
  lt                 numeric(14, 4) not null check (lt >= 0),
  version            bigint not null references import_batches(id),
  updated_at         timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from),
  unique nulls not distinct (decision_id, municipal_district, settlement, valid_from, commissioned_from, commissioned_to, tariff_kind)
);
create index tariff_decisions_lookup on tariff_decisions(rso_inn, service, municipal_district);

create table registries (
  id               bigserial primary key,
  rso_inn          text not null check (rso_inn ~ '^(\d{10}|\d{12})$'),
  rso_name         text not null,
  service          text not null,
  period           date not null check (extract(day from period) = 1),
  status           text not null default 'Новый' check (status in
                     ('Новый', 'В работе', 'Согласован', 'Не согласован', 'Отменен', 'Отказано в регистрации')),
  is_correction    boolean not null default false,
  letter_out_no    text,
  letter_out_date  date,
  letter_in_no     text,
  letter_in_date   date,
  executor_id      integer references users(id),
  registered_at    timestamptz not null default now(),
  check_deadline   date,
  finish_deadline  date,
  declared_sum     bigint not null default 0,
  agreed_sum       bigint not null default 0,
  file_name        text not null,
  comment          text
);
create index registries_period on registries(period, service);
create index registries_rso on registries(rso_inn, service, period);

-- A registry row exactly as received (raw text kept where the file may be wrong), with the parsed values.
create table registry_rows (
  registry_id   bigint not null references registries(id) on delete cascade,
  row_no        integer not null,
  n             integer,
  address       text,
  fias_id       text,
  diff_attr     text,
  territory     text,
  supply_system text,
  commissioned  text,
  tariff_kind   text,
  eot           numeric(14, 4),
  lt            numeric(14, 4),
  v_living      numeric(16, 4),
  v_odn         numeric(16, 4),
  subsidy       bigint,
  status        text not null default 'Требует решения' check (status in ('Требует решения', 'Согласован', 'Не согласован')),
  primary key (registry_id, row_no)
);
create index registry_rows_house on registry_rows(fias_id);

create table check_results (
  registry_id bigint not null,
  row_no      integer not null,
  rule        text not null,
  status      text not null check (status in ('passed', 'failed', 'skipped')),
  reason      text,
  primary key (registry_id, row_no, rule),
  foreign key (registry_id, row_no) references registry_rows(registry_id, row_no) on delete cascade
);

create table row_decisions (
  id          bigserial primary key,
  registry_id bigint not null,
  row_no      integer not null,
  status      text not null check (status in ('Согласован', 'Не согласован')),
  reason      text,
  actor_id    integer not null references users(id),
  decided_at  timestamptz not null default now(),
  check (status = 'Согласован' or coalesce(reason, '') <> ''),
  foreign key (registry_id, row_no) references registry_rows(registry_id, row_no)
);

create table registry_decisions (
  id          bigserial primary key,
  registry_id bigint not null references registries(id),
  from_status text,
  to_status   text not null,
  reason      text,
  actor_id    integer references users(id),
  decided_at  timestamptz not null default now()
);

create table documents (
  id          bigserial primary key,
  registry_id bigint references registries(id),
  kind        text not null,
  title       text not null,
  file_name   text not null,
  content     bytea not null,
  created_by  integer references users(id),
  created_at  timestamptz not null default now()
);

-- Append-only history: each record carries the hash of the previous one, so an edit anywhere breaks the chain.
create table audit_log (
  id         bigserial primary key,
  at         timestamptz not null,
  actor_id   integer references users(id),
  action     text not null,
  entity     text not null,
  entity_id  text,
  payload    jsonb not null default '{}',
  prev_hash  text not null,
  hash       text not null unique
);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;

create trigger audit_log_no_update before update or delete or truncate on audit_log
  for each statement execute function audit_log_is_append_only();
