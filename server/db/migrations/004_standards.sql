-- Regional standards of ЖКУ cost: what each house is charged, municipal housing rates, the ГИС ЖКХ extract,
-- versions of the standard formula template, and published standard sets (immutable, per-group values kept).

alter table import_batches drop constraint import_batches_kind_check;
alter table import_batches add constraint import_batches_kind_check
  check (kind in ('houses', 'tariffs', 'organisations', 'house_services', 'mo_rates', 'gis_houses'));

-- house_services.csv: a house's lines in file order; a service may appear twice (the house check reports it).
create table house_services (
  fias_id      uuid not null,
  line_no      integer not null,
  service      text not null,
  tariff       numeric(14, 4) not null check (tariff >= 0),
  decision_id  text,
  norm         numeric(14, 4) not null check (norm >= 0),
  norm_unit    text not null check (norm_unit in ('чел', 'м2')),
  heating_only boolean not null,
  version      bigint not null references import_batches(id),
  primary key (fias_id, line_no)
);
create index house_services_service on house_services(service, tariff);

-- mo_rates.csv, kopecks per m² kept as numeric(12,2); edited in place by the «apply to МР/МО» command.
create table mo_rates (
  id                 serial primary key,
  municipal_district text not null,
  district_key       text not null,
  settlement         text not null,
  settlement_key     text not null,
  house_type         text not null check (house_type in ('МКД', 'ЖД')),
  maintenance        numeric(12, 2) not null check (maintenance >= 0),
  capital_repair     numeric(12, 2) not null check (capital_repair >= 0),
  rent               numeric(12, 2) not null check (rent >= 0),
  -- the import batch that last wrote the row; null after a manual edit (the audit log says who and when)
  version            bigint references import_batches(id),
  updated_at         timestamptz not null default now(),
  unique (district_key, settlement_key, house_type)
);

create table gis_houses (
  fias_id       uuid primary key,
  house_type    text check (house_type in ('МКД', 'ЖД')),
  area          numeric(12, 2) check (area >= 0),
  residents     integer check (residents >= 0),
  heating_types text,
  version       bigint not null references import_batches(id),
  updated_at    timestamptz not null default now()
);

-- The standard formula template (HyperFormula syntax); version 1 is the one shipped in templates/standards.
create table standard_templates (
  version    integer primary key check (version >= 2),
  template   jsonb not null,
  comment    text,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);

create table standard_sets (
  id                bigserial primary key,
  effective_from    date not null,
  title             text not null,
  template_version  integer not null,
  params            jsonb not null,
  -- the newest import batch the set was computed from
  reference_version bigint,
  groups            integer not null,
  houses            integer not null,
  published_by      integer references users(id),
  published_at      timestamptz not null default now()
);

create table standard_set_groups (
  set_id    bigint not null references standard_sets(id),
  group_id  text not null,
  key       jsonb not null,
  rates     jsonb,
  houses    integer not null,
  -- category → n → period → kopecks; null with a reason when the group has no standard
  standards jsonb,
  reason    text,
  primary key (set_id, group_id)
);

create table standard_set_houses (
  set_id   bigint not null references standard_sets(id),
  fias_id  uuid not null,
  group_id text not null,
  primary key (set_id, fias_id)
);

-- A published set never changes: a new version is a new set.
create function standard_sets_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'published standard sets are immutable';
end $$;

create trigger standard_sets_immutable before update or delete or truncate on standard_sets
  for each statement execute function standard_sets_are_immutable();
create trigger standard_set_groups_immutable before update or delete or truncate on standard_set_groups
  for each statement execute function standard_sets_are_immutable();
create trigger standard_set_houses_immutable before update or delete or truncate on standard_set_houses
  for each statement execute function standard_sets_are_immutable();
