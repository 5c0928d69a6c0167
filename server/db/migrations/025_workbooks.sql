-- Workbooks («Рабочие книги», issue 17): an analyst's sheets over the region's data. The definition (sources,
-- columns, formulas, filters, sorts, pivot, chart) is JSON; the data is never stored with it. Every save is a new
-- version with who and when (and an audit record); a workbook opened from a shipped template names it.

create table workbooks (
  id              bigserial primary key,
  title           text not null check (length(title) between 1 and 200),
  template        text,
  current_version integer not null default 1,
  created_by      integer references users(id),
  created_at      timestamptz not null default now()
);

create table workbook_versions (
  workbook_id bigint not null references workbooks(id),
  version     integer not null check (version >= 1),
  definition  jsonb not null,
  comment     text,
  saved_by    integer references users(id),
  saved_at    timestamptz not null default now(),
  primary key (workbook_id, version)
);

-- A chart pinned to the managers' analytics page: the tile evaluates the workbook's current version when shown.
create table workbook_tiles (
  id          bigserial primary key,
  workbook_id bigint not null references workbooks(id),
  sheet_id    text not null,
  title       text not null,
  pinned_by   integer references users(id),
  pinned_at   timestamptz not null default now(),
  unique (workbook_id, sheet_id)
);
